package dev.vouch.fhir.record;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything needed to assemble a {@link PatientRecord}: the service's prefetch templates, what the EHR
 * prefetched, the values of the template tokens, and the FHIR server to fetch the rest from.
 */
public record RecordRequest(
        String patientId,
        List<PrefetchTemplate> templates,
        Map<String, PrefetchValue> prefetch,
        Map<String, String> tokenValues,
        Optional<FhirServerAccess> fhirServer) {

    public RecordRequest {
        templates = List.copyOf(templates);
        prefetch = Map.copyOf(prefetch);
        tokenValues = Map.copyOf(tokenValues);
    }
}
