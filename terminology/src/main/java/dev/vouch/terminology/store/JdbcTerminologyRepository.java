package dev.vouch.terminology.store;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The terminology configuration in PostgreSQL (tables of {@code V2__terminology.sql}), each version kept as FHIR JSON.
 * Every write first locks the single {@code terminology_config} row, so writes from all nodes are serialised and the
 * configuration version moves on once per committed change, in the same transaction.
 */
public final class JdbcTerminologyRepository implements TerminologyRepository {

    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final int MAX_AUTHOR_LENGTH = 200;

    private static final String CURRENT = """
            SELECT r.resource_type, r.resource_id, r.version, r.url, r.status, r.content,
                   v.changed_by, v.changed_at, v.change
            FROM terminology_resource r
            JOIN terminology_resource_version v
              ON v.resource_type = r.resource_type AND v.resource_id = r.resource_id AND v.version = r.version
            """;
    private static final String VERSIONS = """
            SELECT resource_type, resource_id, version, url, status, content, changed_by, changed_at, change
            FROM terminology_resource_version
            """;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final FhirContext fhirContext;
    private final Clock clock;
    private final RowMapper<StoredResource> rows = (rs, rowNum) -> {
        TerminologyResourceType type = TerminologyResourceType.valueOf(rs.getString("resource_type"));
        return new StoredResource(type, rs.getString("resource_id"), rs.getInt("version"), rs.getString("url"),
                rs.getString("status"), parse(type, rs.getString("content")), rs.getString("changed_by"),
                rs.getObject("changed_at", OffsetDateTime.class).toInstant(), rs.getString("change"));
    };

    public JdbcTerminologyRepository(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                                     FhirContext fhirContext) {
        this(jdbc, new TransactionTemplate(transactionManager), fhirContext, Clock.systemUTC());
    }

    public JdbcTerminologyRepository(JdbcTemplate jdbc, TransactionTemplate transactions, FhirContext fhirContext) {
        this(jdbc, transactions, fhirContext, Clock.systemUTC());
    }

    public JdbcTerminologyRepository(JdbcTemplate jdbc, TransactionTemplate transactions, FhirContext fhirContext,
                                     Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.fhirContext = fhirContext;
        this.clock = clock;
    }

    /** What a version row records as the kind of change. */
    private enum Change {
        CREATE("create"), UPDATE("update"), RETIRE("retire"), IMPORT("import"), BUNDLED("bundled");

        private final String code;

        Change(String code) {
            this.code = code;
        }
    }

    /** What to do when a new resource names an id that is already taken. */
    private enum TakenId {
        CONFLICT, ASSIGN_NEW
    }

    @Override
    public StoredResource create(TerminologyResourceType type, Resource resource, String author) {
        requireAuthor(author);
        Resource checked = checked(type, resource, "");
        return inTransaction(() -> {
            lockConfiguration();
            StoredResource stored = insertNew(type, checked, author, Change.CREATE, TakenId.CONFLICT, now());
            moveConfigurationOn();
            return stored;
        });
    }

    @Override
    public StoredResource update(TerminologyResourceType type, String id, Resource resource,
                                 OptionalInt expectedVersion, String author) {
        requireAuthor(author);
        requireId(type, id);
        Resource checked = checked(type, resource, "");
        String bodyId = checked.getIdElement().getIdPart();
        if (bodyId != null && !bodyId.equals(id)) {
            throw new TerminologyException.BadRequest("The " + type + " in the body has id '" + bodyId
                    + "' but the request names " + type + "/" + id + "; they must agree (or leave the body's id out)");
        }
        return inTransaction(() -> {
            lockConfiguration();
            StoredResource current = lockCurrent(type, id);
            requireExpected(current, expectedVersion);
            StoredResource stored = write(type, id, current.version() + 1, checked, author, Change.UPDATE, now());
            moveConfigurationOn();
            return stored;
        });
    }

    @Override
    public StoredResource retire(TerminologyResourceType type, String id, OptionalInt expectedVersion,
                                 String author) {
        requireAuthor(author);
        requireId(type, id);
        return inTransaction(() -> {
            lockConfiguration();
            StoredResource current = lockCurrent(type, id);
            requireExpected(current, expectedVersion);
            MetadataResource retired = (MetadataResource) current.resource();
            if (retired.getStatus() == PublicationStatus.RETIRED) {
                return current;
            }
            retired.setStatus(PublicationStatus.RETIRED);
            StoredResource stored = write(type, id, current.version() + 1, retired, author, Change.RETIRE, now());
            moveConfigurationOn();
            return stored;
        });
    }

    @Override
    public Optional<StoredResource> read(TerminologyResourceType type, String id) {
        return jdbc.query(CURRENT + " WHERE r.resource_type = ? AND r.resource_id = ?", rows, type.name(), id)
                .stream().findFirst();
    }

    @Override
    public Optional<StoredResource> readVersion(TerminologyResourceType type, String id, int version) {
        return jdbc.query(VERSIONS + " WHERE resource_type = ? AND resource_id = ? AND version = ?", rows,
                type.name(), id, version).stream().findFirst();
    }

    @Override
    public List<StoredResource> history(TerminologyResourceType type, String id) {
        return jdbc.query(VERSIONS + " WHERE resource_type = ? AND resource_id = ? ORDER BY version DESC", rows,
                type.name(), id);
    }

    @Override
    public List<StoredResource> search(TerminologyResourceType type, SearchCriteria criteria) {
        if (criteria.offset() < 0) {
            throw new TerminologyException.BadRequest("A search offset cannot be negative (got " + criteria.offset()
                    + ")");
        }
        StringBuilder sql = new StringBuilder(CURRENT).append(" WHERE r.resource_type = ?");
        List<Object> args = new ArrayList<>(List.of(type.name()));
        if (criteria.url() != null) {
            sql.append(" AND r.url = ?");
            args.add(criteria.url());
        }
        if (criteria.name() != null) {
            sql.append(" AND strpos(lower(r.name), lower(?)) > 0");
            args.add(criteria.name());
        }
        if (criteria.status() != null) {
            sql.append(" AND r.status = ?");
            args.add(criteria.status());
        }
        if (criteria.text() != null) {
            sql.append(" AND (strpos(lower(coalesce(r.name, '')), lower(?)) > 0")
                    .append(" OR strpos(lower(coalesce(r.title, '')), lower(?)) > 0)");
            args.add(criteria.text());
            args.add(criteria.text());
        }
        sql.append(" ORDER BY lower(coalesce(r.name, r.title, '')), r.resource_id OFFSET ?");
        args.add(criteria.offset());
        if (criteria.count() > 0) {
            sql.append(" LIMIT ?");
            args.add(criteria.count());
        }
        return jdbc.query(sql.toString(), rows, args.toArray());
    }

    @Override
    public List<StoredResource> importAll(List<Resource> resources, String author) {
        requireAuthor(author);
        List<Resource> checked = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            Resource resource = resources.get(i);
            checked.add(checked(typeOf(resource, i), resource, "entry " + (i + 1) + ": "));
        }
        if (checked.isEmpty()) {
            return List.of();
        }
        return inTransaction(() -> {
            lockConfiguration();
            Instant at = now();
            List<StoredResource> stored = new ArrayList<>();
            for (Resource resource : checked) {
                TerminologyResourceType type = TerminologyResourceType.valueOf(resource.fhirType());
                Optional<StoredResource> existing = Optional.ofNullable(resource.getIdElement().getIdPart())
                        .filter(id -> FHIR_ID.matcher(id).matches())
                        .flatMap(id -> lockCurrentIfPresent(type, id))
                        .or(() -> Optional.ofNullable(urlOf(resource)).flatMap(url -> lockCurrentByUrl(type, url)));
                stored.add(existing.isPresent()
                        ? write(type, existing.get().id(), existing.get().version() + 1, resource, author,
                                Change.IMPORT, at)
                        : insertNew(type, resource, author, Change.IMPORT, TakenId.CONFLICT, at));
            }
            moveConfigurationOn();
            return List.copyOf(stored);
        });
    }

    @Override
    public List<StoredResource> loadBundled(List<Resource> resources, String author) {
        requireAuthor(author);
        List<Resource> checked = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            Resource resource = resources.get(i);
            checked.add(checked(typeOf(resource, i), resource, "bundled " + resource.fhirType() + " "
                    + urlOf(resource) + ": "));
        }
        return inTransaction(() -> {
            lockConfiguration();
            Instant at = now();
            List<StoredResource> created = new ArrayList<>();
            for (Resource resource : checked) {
                TerminologyResourceType type = TerminologyResourceType.valueOf(resource.fhirType());
                String url = urlOf(resource);
                if (url == null || lockCurrentByUrl(type, url).isEmpty()) {
                    created.add(insertNew(type, resource, author, Change.BUNDLED, TakenId.ASSIGN_NEW, at));
                }
            }
            if (!created.isEmpty()) {
                moveConfigurationOn();
            }
            return List.copyOf(created);
        });
    }

    @Override
    public List<StoredResource> currentAll() {
        return jdbc.query(CURRENT + " ORDER BY r.resource_type, r.resource_id", rows);
    }

    @Override
    public long configurationVersion() {
        Long version = jdbc.queryForObject("SELECT version FROM terminology_config", Long.class);
        if (version == null) {
            throw new IllegalStateException("terminology_config holds no version; has migration V2 run?");
        }
        return version;
    }

    private <T> T inTransaction(Supplier<T> work) {
        try {
            return transactions.execute(status -> work.get());
        } catch (DuplicateKeyException raced) {
            // The checks above run under the configuration lock, so this is a backstop, not the usual path.
            throw new TerminologyException.Conflict("Another change to the same resource or canonical URL was "
                    + "stored at the same time; reload and try again");
        }
    }

    private void lockConfiguration() {
        jdbc.queryForObject("SELECT version FROM terminology_config FOR UPDATE", Long.class);
    }

    private void moveConfigurationOn() {
        jdbc.update("UPDATE terminology_config SET version = version + 1");
    }

    private StoredResource lockCurrent(TerminologyResourceType type, String id) {
        return lockCurrentIfPresent(type, id).orElseThrow(() ->
                new TerminologyException.NotFound("No " + type + " with id '" + id + "' is stored"));
    }

    private Optional<StoredResource> lockCurrentIfPresent(TerminologyResourceType type, String id) {
        return jdbc.query(CURRENT + " WHERE r.resource_type = ? AND r.resource_id = ? FOR UPDATE OF r", rows,
                type.name(), id).stream().findFirst();
    }

    private Optional<StoredResource> lockCurrentByUrl(TerminologyResourceType type, String url) {
        return jdbc.query(CURRENT + " WHERE r.resource_type = ? AND r.url = ? FOR UPDATE OF r", rows,
                type.name(), url).stream().findFirst();
    }

    private static void requireExpected(StoredResource current, OptionalInt expectedVersion) {
        if (expectedVersion.isPresent() && expectedVersion.getAsInt() != current.version()) {
            throw new TerminologyException.Conflict(current.type() + "/" + current.id() + " is at version "
                    + current.version() + ", not " + expectedVersion.getAsInt() + " as the change expected; "
                    + "reload it and apply the change again");
        }
    }

    private StoredResource insertNew(TerminologyResourceType type, Resource resource, String author, Change change,
                                     TakenId takenId, Instant at) {
        String requested = resource.getIdElement().getIdPart();
        String id = requested != null && FHIR_ID.matcher(requested).matches() ? requested : newId();
        if (exists(type, id)) {
            if (takenId == TakenId.CONFLICT) {
                throw new TerminologyException.Conflict(type + "/" + id + " already exists; update it instead");
            }
            id = newId();
        }
        return write(type, id, 1, resource, author, change, at);
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private boolean exists(TerminologyResourceType type, String id) {
        return !jdbc.queryForList("SELECT 1 FROM terminology_resource WHERE resource_type = ? AND resource_id = ?",
                type.name(), id).isEmpty();
    }

    /** Writes one version: a history row, and the current row moved on from the version before. */
    private StoredResource write(TerminologyResourceType type, String id, int version, Resource resource,
                                 String author, Change change, Instant at) {
        MetadataResource metadata = (MetadataResource) resource;
        String url = metadata.hasUrl() ? metadata.getUrl() : null;
        if (url != null) {
            List<String> holders = jdbc.queryForList("SELECT resource_id FROM terminology_resource "
                    + "WHERE resource_type = ? AND url = ? AND resource_id <> ?", String.class, type.name(), url, id);
            if (!holders.isEmpty()) {
                throw new TerminologyException.Conflict("The canonical URL " + url + " already belongs to " + type
                        + "/" + holders.getFirst() + "; update that resource instead (retired ones included)");
            }
        }
        resource.setIdElement(new IdType(type.name(), id, String.valueOf(version)));
        resource.getMeta().setVersionId(String.valueOf(version));
        resource.getMeta().setLastUpdated(Date.from(at));
        String status = metadata.getStatus().toCode();
        String name = metadata.hasName() ? metadata.getName() : null;
        String title = metadata.hasTitle() ? metadata.getTitle() : null;
        String content = fhirContext.newJsonParser().encodeResourceToString(resource);
        jdbc.update("""
                INSERT INTO terminology_resource_version
                    (resource_type, resource_id, version, url, name, title, status, content, changed_by, changed_at,
                     change)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, type.name(), id, version, url, name, title, status, content, author,
                OffsetDateTime.ofInstant(at, ZoneOffset.UTC), change.code);
        if (version == 1) {
            jdbc.update("""
                    INSERT INTO terminology_resource (resource_type, resource_id, version, url, name, title, status,
                                                      content)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, type.name(), id, version, url, name, title, status, content);
        } else {
            int moved = jdbc.update("""
                    UPDATE terminology_resource
                    SET version = ?, url = ?, name = ?, title = ?, status = ?, content = ?
                    WHERE resource_type = ? AND resource_id = ? AND version = ?
                    """, version, url, name, title, status, content, type.name(), id, version - 1);
            if (moved != 1) {
                throw new TerminologyException.Conflict(type + "/" + id + " changed while this change was being "
                        + "stored; reload it and apply the change again");
            }
        }
        return new StoredResource(type, id, version, url, status, resource, author, at, change.code);
    }

    private Resource parse(TerminologyResourceType type, String content) {
        return fhirContext.newJsonParser().parseResource(type.resourceClass(), content);
    }

    private Instant now() {
        // lastUpdated in the JSON and changed_at in the row must agree; FHIR instants here carry milliseconds.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static TerminologyResourceType typeOf(Resource resource, int index) {
        if (resource == null) {
            throw new TerminologyException.BadRequest("Entry " + (index + 1) + " holds no resource");
        }
        return TerminologyResourceType.of(resource.fhirType()).orElseThrow(() ->
                new TerminologyException.BadRequest("Entry " + (index + 1) + " is a " + resource.fhirType()
                        + "; only CodeSystem, ValueSet, ConceptMap and Questionnaire resources are terminology"));
    }

    private static String urlOf(Resource resource) {
        return resource instanceof MetadataResource metadata && metadata.hasUrl() ? metadata.getUrl() : null;
    }

    /** A copy of the resource, checked to be of the type and to carry a status. */
    private static Resource checked(TerminologyResourceType type, Resource resource, String where) {
        if (resource == null) {
            throw new TerminologyException.BadRequest(where + "A " + type + " is required");
        }
        if (!type.resourceClass().isInstance(resource)) {
            throw new TerminologyException.BadRequest(where + "Expected a " + type + " but got a "
                    + resource.fhirType());
        }
        if (!((MetadataResource) resource).hasStatus()) {
            throw new TerminologyException.BadRequest(where + "The " + type
                    + (urlOf(resource) == null ? "" : " " + urlOf(resource))
                    + " has no status; give one of draft, active, retired or unknown");
        }
        return resource.copy();
    }

    private static void requireAuthor(String author) {
        if (author == null || author.isBlank()) {
            throw new TerminologyException.BadRequest("A terminology change needs an author");
        }
        if (author.length() > MAX_AUTHOR_LENGTH) {
            throw new TerminologyException.BadRequest("An author name may be at most " + MAX_AUTHOR_LENGTH
                    + " characters");
        }
    }

    private static void requireId(TerminologyResourceType type, String id) {
        if (id == null || !FHIR_ID.matcher(id).matches()) {
            throw new TerminologyException.BadRequest("'" + id + "' is not a valid " + type
                    + " id (1-64 letters, digits, '-' or '.')");
        }
    }
}
