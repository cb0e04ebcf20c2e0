package dev.vouch.terminology.store;

import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Versioned storage of the terminology configuration. Every change makes a new version recorded with its author;
 * every change also moves the configuration version on, which other nodes watch.
 */
public interface TerminologyRepository {

    /** Stores a new resource (a server-assigned id when it has none) as version 1. */
    StoredResource create(TerminologyResourceType type, Resource resource, String author);

    /**
     * Stores a new version.
     *
     * @param expectedVersion the version the author edited; a different current version is a conflict
     * @throws TerminologyException.NotFound when no such resource exists
     * @throws TerminologyException.Conflict when {@code expectedVersion} is not the current version
     */
    StoredResource update(TerminologyResourceType type, String id, Resource resource, OptionalInt expectedVersion,
                          String author);

    /** Marks a resource retired (a new version with status retired); retired resources no longer take effect. */
    StoredResource retire(TerminologyResourceType type, String id, OptionalInt expectedVersion, String author);

    Optional<StoredResource> read(TerminologyResourceType type, String id);

    Optional<StoredResource> readVersion(TerminologyResourceType type, String id, int version);

    /** All versions, newest first. */
    List<StoredResource> history(TerminologyResourceType type, String id);

    /** Current versions matching the criteria. */
    List<StoredResource> search(TerminologyResourceType type, SearchCriteria criteria);

    /** Stores a set of resources in one transaction: all are stored, or none. */
    List<StoredResource> importAll(List<Resource> resources, String author);

    /**
     * Stores the content that ships with Vouch: each resource whose canonical URL is not held yet for its type (in any
     * status, by any author) is created; the others are left alone, so admin edits and retirements survive restarts.
     * Returns what was created. This default creates them one by one; the database store does it in one transaction,
     * so that nodes starting together do not race, and records the versions as change {@code bundled}.
     */
    default List<StoredResource> loadBundled(List<Resource> resources, String author) {
        List<StoredResource> created = new ArrayList<>();
        for (Resource resource : resources) {
            TerminologyResourceType type = TerminologyResourceType.of(resource.fhirType()).orElseThrow(() ->
                    new TerminologyException.BadRequest(resource.fhirType() + " is not a terminology resource type"));
            String url = resource instanceof MetadataResource metadata ? metadata.getUrl() : null;
            if (url == null || search(type, new SearchCriteria(url, null, null, null, 0, 1)).isEmpty()) {
                created.add(create(type, resource, author));
            }
        }
        return List.copyOf(created);
    }

    /** The current version of every resource, of every type. */
    List<StoredResource> currentAll();

    /** A counter that moves on with every change. */
    long configurationVersion();

    /**
     * Search parameters; null fields do not filter. {@code name} and {@code text} match case-insensitively anywhere
     * ({@code text} in the name or the title); {@code count} of zero or less means no limit.
     */
    record SearchCriteria(String url, String name, String status, String text, int offset, int count) {
    }
}
