package dev.vouch.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * What a suggestion does when accepted. {@code resource} is the FHIR JSON of the resource to create,
 * encoded by HAPI and embedded as is.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Action(String type, String description, @JsonRawValue String resource, String resourceId) {
}
