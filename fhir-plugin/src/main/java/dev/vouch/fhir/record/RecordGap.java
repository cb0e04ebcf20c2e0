package dev.vouch.fhir.record;

/**
 * Data Vouch asked for and could not fully read: which prefetch key, and why, in words without PHI.
 */
public record RecordGap(String key, String reason) {
}
