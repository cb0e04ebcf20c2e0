package dev.vouch.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A link on a card: {@code absolute} for a web page, {@code smart} for a SMART app launch. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Link(String label, String url, String type) {

    public static Link absolute(String label, String url) {
        return new Link(label, url, "absolute");
    }
}
