package dev.vouch.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The OAuth 2.0 access token the EHR grants for its FHIR server. {@link #toString()} never shows the token.
 */
public record FhirAuthorization(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") Integer expiresIn,
        String scope,
        String subject,
        String patient) {

    @Override
    public String toString() {
        return "FhirAuthorization[token_type=" + tokenType + ", scope=" + scope + ", access_token=<redacted>]";
    }
}
