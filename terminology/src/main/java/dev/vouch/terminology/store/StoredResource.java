package dev.vouch.terminology.store;

import org.hl7.fhir.r4.model.Resource;

import java.time.Instant;

/**
 * One version of a configured resource: the resource (its {@code meta.versionId} equals {@code version}), who
 * made the change and when.
 */
public record StoredResource(TerminologyResourceType type, String id, int version, String url, String status,
                             Resource resource, String changedBy, Instant changedAt, String change) {
}
