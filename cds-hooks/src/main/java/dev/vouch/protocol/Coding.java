package dev.vouch.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A FHIR Coding as CDS Hooks carries it (card topic, override reasons). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Coding(String system, String code, String display) {
}
