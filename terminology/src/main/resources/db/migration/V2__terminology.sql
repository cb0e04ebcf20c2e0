-- The terminology configuration admins edit: CodeSystem, ValueSet, ConceptMap and Questionnaire resources as FHIR
-- R4 JSON. Every change adds a version row; terminology_resource holds the current version of each resource;
-- terminology_config.version moves on in the same transaction as every change, so other nodes notice by polling it.

CREATE TABLE terminology_resource_version (
    resource_type VARCHAR(32)  NOT NULL,
    resource_id   VARCHAR(64)  NOT NULL,
    version       INTEGER      NOT NULL,
    url           TEXT,
    name          TEXT,
    title         TEXT,
    status        VARCHAR(16)  NOT NULL,
    content       TEXT         NOT NULL,
    changed_by    VARCHAR(200) NOT NULL,
    changed_at    TIMESTAMPTZ  NOT NULL,
    change        VARCHAR(16)  NOT NULL
        CONSTRAINT terminology_resource_version_change CHECK (change IN ('create', 'update', 'retire', 'import', 'bundled')),
    PRIMARY KEY (resource_type, resource_id, version)
);

CREATE TABLE terminology_resource (
    resource_type VARCHAR(32) NOT NULL,
    resource_id   VARCHAR(64) NOT NULL,
    version       INTEGER     NOT NULL,
    url           TEXT,
    name          TEXT,
    title         TEXT,
    status        VARCHAR(16) NOT NULL,
    content       TEXT        NOT NULL,
    PRIMARY KEY (resource_type, resource_id),
    FOREIGN KEY (resource_type, resource_id, version)
        REFERENCES terminology_resource_version (resource_type, resource_id, version)
);

-- One current resource per canonical URL and type (retired ones included): the snapshot indexes by URL, and an
-- admin who wants the URL back edits the retired resource rather than creating a rival.
CREATE UNIQUE INDEX terminology_resource_url ON terminology_resource (resource_type, url) WHERE url IS NOT NULL;

CREATE TABLE terminology_config (
    version BIGINT NOT NULL
);

-- Exactly one row.
CREATE UNIQUE INDEX terminology_config_single_row ON terminology_config ((true));

INSERT INTO terminology_config (version) VALUES (0);
