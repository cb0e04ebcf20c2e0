package dev.vouch.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A CDS Hooks 2.0 card. Optional fields that are empty are left out of the JSON, as the specification asks.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Card(
        String uuid,
        String summary,
        String detail,
        Indicator indicator,
        Source source,
        List<Suggestion> suggestions,
        String selectionBehavior,
        List<Coding> overrideReasons,
        List<Link> links) {

    /** The specification's bound on summary length (characters). */
    public static final int MAX_SUMMARY = 140;

    public Card {
        if (summary == null || summary.isBlank() || summary.length() >= MAX_SUMMARY) {
            throw new IllegalArgumentException("A card summary must be 1-139 characters, got "
                    + (summary == null ? "none" : summary.length()));
        }
        suggestions = suggestions == null ? List.of() : List.copyOf(suggestions);
        overrideReasons = overrideReasons == null ? List.of() : List.copyOf(overrideReasons);
        links = links == null ? List.of() : List.copyOf(links);
        if (!suggestions.isEmpty() && selectionBehavior == null) {
            throw new IllegalArgumentException("A card with suggestions needs a selectionBehavior");
        }
    }
}
