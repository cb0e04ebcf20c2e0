package dev.vouch.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** A suggestion on a card; its actions run only when a clinician accepts it. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Suggestion(String label, String uuid, Boolean isRecommended, List<Action> actions) {
}
