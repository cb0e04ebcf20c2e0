package dev.vouch.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Finding cards in an answer by the rule that raised them, and the checks every card must pass. */
public final class Cards {

    public static final String VOUCH_RULE_SYSTEM = "https://vouch.dev/fhir/CodeSystem/rule";
    public static final String PHQ9_ITEM9_RULE = "safety.phq9-item9";
    public static final String PHQ9_SCORE_RULE = "instrument-score.phq-9";
    public static final String GAD7_SCORE_RULE = "instrument-score.gad-7";
    public static final String RECORD_INCOMPLETE_RULE = "record.incomplete";

    private Cards() {
    }

    public static List<JsonNode> all(JsonNode cards) {
        return StreamSupport.stream(cards.spliterator(), false).toList();
    }

    public static String rule(JsonNode card) {
        return card.path("source").path("topic").path("code").asText();
    }

    public static Optional<JsonNode> byRule(JsonNode cards, String rule) {
        return all(cards).stream().filter(card -> rule.equals(rule(card))).findFirst();
    }

    public static JsonNode theOneByRule(JsonNode cards, String rule) {
        List<JsonNode> matching = all(cards).stream().filter(card -> rule.equals(rule(card))).toList();
        assertThat(matching).as("cards raised by rule %s in %s", rule, cards).hasSize(1);
        return matching.getFirst();
    }

    public static List<JsonNode> critical(JsonNode cards) {
        return all(cards).stream().filter(card -> "critical".equals(card.path("indicator").asText())).toList();
    }

    /** What CDS Hooks 2.0 and Vouch's provenance rule ask of every card. */
    public static void assertWellFormed(JsonNode cards) {
        for (JsonNode card : all(cards)) {
            assertThat(UUID.fromString(card.path("uuid").asText())).as("uuid of %s", card).isNotNull();
            assertThat(card.path("summary").asText()).as("summary of %s", card).isNotBlank().hasSizeLessThan(140);
            assertThat(card.path("indicator").asText()).isIn("info", "warning", "critical");
            assertThat(card.path("source").path("label").asText()).as("source.label of %s", card).isNotBlank();
            assertThat(card.path("source").path("topic").path("system").asText()).isEqualTo(VOUCH_RULE_SYSTEM);
            assertThat(rule(card)).as("source.topic.code (the rule id) of %s", card).isNotBlank();
        }
        assertThat(all(cards).stream().map(card -> card.path("uuid").asText()).distinct().count())
                .as("card uuids are distinct").isEqualTo(cards.size());
    }
}
