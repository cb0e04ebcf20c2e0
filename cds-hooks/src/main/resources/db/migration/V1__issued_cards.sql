-- Every card Vouch issues, so feedback can refer to it and governance can count it.
CREATE TABLE issued_card (
    card_uuid     UUID PRIMARY KEY,
    service_id    VARCHAR(100) NOT NULL,
    hook          VARCHAR(100) NOT NULL,
    hook_instance VARCHAR(200) NOT NULL,
    kind          VARCHAR(64)  NOT NULL,
    rule_id       VARCHAR(128) NOT NULL,
    indicator     VARCHAR(16)  NOT NULL,
    patient_ref   VARCHAR(200) NOT NULL,
    issued_at     TIMESTAMPTZ  NOT NULL
);

CREATE INDEX issued_card_patient_kind ON issued_card (patient_ref, kind, issued_at DESC);
CREATE INDEX issued_card_service_time ON issued_card (service_id, issued_at);
