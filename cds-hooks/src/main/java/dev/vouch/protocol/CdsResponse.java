package dev.vouch.protocol;

import java.util.List;

/** The answer to a hook call. */
public record CdsResponse(List<Card> cards) {
}
