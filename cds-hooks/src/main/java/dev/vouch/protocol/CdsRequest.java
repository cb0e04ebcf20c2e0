package dev.vouch.protocol;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * A hook call as it arrives. {@code context} and {@code prefetch} stay JSON here: the hook decides the context's
 * shape, and prefetch values are FHIR resources that HAPI parses.
 */
public record CdsRequest(
        String hook,
        String hookInstance,
        String fhirServer,
        FhirAuthorization fhirAuthorization,
        Map<String, JsonNode> context,
        Map<String, JsonNode> prefetch) {
}
