package dev.vouch.fhir.record;

import java.util.Optional;

/**
 * The EHR's FHIR server and the access token it gave for this call. The token is never logged:
 * {@link #toString()} leaves it out.
 */
public record FhirServerAccess(String baseUrl, Optional<String> bearerToken) {

    @Override
    public String toString() {
        return "FhirServerAccess[baseUrl=" + baseUrl + ", bearerToken=" + (bearerToken.isPresent() ? "<redacted>" : "none") + "]";
    }
}
