package dev.vouch.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** The JSON body of every error Vouch answers: a stable error code, a message for a person, details. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ErrorBody(String error, String message, List<String> details) {
}
