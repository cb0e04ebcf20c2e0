package dev.vouch.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.testing.HookCall;
import dev.vouch.testing.Prefetch;
import dev.vouch.testing.PublishedFixtures;
import dev.vouch.testing.VouchHttpTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.vouch.testing.Cards.PHQ9_SCORE_RULE;
import static dev.vouch.testing.Cards.assertWellFormed;
import static dev.vouch.testing.Cards.critical;
import static dev.vouch.testing.Cards.theOneByRule;
import static org.assertj.core.api.Assertions.assertThat;

/** The HL7 US Core PHQ-9 examples, sent as an EHR would, score as published (12, moderate). */
class PublishedFixturesCallTest extends VouchHttpTest {

    @Test
    void usCoreQuestionnaireResponseScoresTwelveModerate() {
        JsonNode response = PublishedFixtures.read("us-core-QuestionnaireResponse-phq-9-example.json");
        assertThat(response.path("subject").path("reference").asText()).isEqualTo("Patient/example");

        JsonNode cards = cardsFor(HookCall.patientView("example").prefetch(Prefetch.empty()
                .searchsetOfJson(Prefetch.QUESTIONNAIRE_RESPONSES, List.of(response))
                .noDataForTheRest()));

        assertWellFormed(cards);
        JsonNode phq9 = theOneByRule(cards, PHQ9_SCORE_RULE);
        assertThat(phq9.path("summary").asText()).startsWith("PHQ-9 12 (moderate) on 2022-11-29");
        assertThat(phq9.path("detail").asText()).contains("QuestionnaireResponse/phq-9-example");
        assertThat(critical(cards)).isEmpty();
    }

    @Test
    void usCoreObservationPanelWithItem9AndTotalScoresTwelveModerateWithoutCriticalCard() {
        List<JsonNode> observations = List.of(
                PublishedFixtures.read("us-core-Observation-PHQ9-panel-example-44249-1.json"),
                PublishedFixtures.read("us-core-Observation-PHQ9-item-example-44260-8.json"),
                PublishedFixtures.read("us-core-Observation-PHQ9-item-example-44261-6.json"));

        JsonNode cards = cardsFor(HookCall.patientView("example").prefetch(Prefetch.empty()
                .searchsetOfJson(Prefetch.SURVEY_OBSERVATIONS, observations)
                .noDataForTheRest()));

        assertWellFormed(cards);
        JsonNode phq9 = theOneByRule(cards, PHQ9_SCORE_RULE);
        assertThat(phq9.path("summary").asText()).startsWith("PHQ-9 12 (moderate) on 2022-11-29");
        assertThat(phq9.path("detail").asText()).contains("Total as recorded in the source");
        assertThat(critical(cards)).isEmpty();
    }
}
