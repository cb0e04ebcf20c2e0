package dev.vouch.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Where a card's content comes from; {@code topic} names the Vouch rule that raised it. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Source(String label, String url, Coding topic) {
}
