package dev.vouch.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.testing.Cards;
import dev.vouch.testing.HookCall;
import dev.vouch.testing.Prefetch;
import dev.vouch.testing.Records;
import dev.vouch.testing.VouchHttpTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static dev.vouch.testing.Cards.GAD7_SCORE_RULE;
import static dev.vouch.testing.Cards.PHQ9_ITEM9_RULE;
import static dev.vouch.testing.Cards.PHQ9_SCORE_RULE;
import static dev.vouch.testing.Cards.RECORD_INCOMPLETE_RULE;
import static dev.vouch.testing.Cards.all;
import static dev.vouch.testing.Cards.assertWellFormed;
import static dev.vouch.testing.Cards.byRule;
import static dev.vouch.testing.Cards.critical;
import static dev.vouch.testing.Cards.theOneByRule;
import static org.assertj.core.api.Assertions.assertThat;

/** Hook calls whose data all come in the prefetch. */
class PrefetchCallTest extends VouchHttpTest {

    private static final Instant NOW = Instant.now();

    @Test
    void item9AnsweredAboveZeroRaisesACriticalSuicideRiskCardCitingTheResponse() {
        JsonNode cards = cardsFor(HookCall.patientView("demo-item9")
                .prefetch(Prefetch.fullRecord(Records.demoPatient("demo-item9", NOW))));

        assertWellFormed(cards);
        JsonNode first = cards.get(0);
        assertThat(Cards.rule(first)).as("the critical card comes first").isEqualTo(PHQ9_ITEM9_RULE);
        assertThat(first.path("indicator").asText()).isEqualTo("critical");
        assertThat(first.path("summary").asText())
                .contains("PHQ-9 item 9", "More than half the days", daysAgo(4).toString());
        assertThat(first.path("detail").asText())
                .contains("QuestionnaireResponse/demo-item9-phq9-4d")
                .contains("988")
                .contains("same-day suicide risk assessment");
        assertThat(critical(cards)).as("one critical card per rule").hasSize(1);
    }

    @Test
    void fullPrefetchGivesAScoreCardPerInstrumentWithScoreBandAndChange() {
        JsonNode cards = cardsFor(HookCall.patientView("demo-item9")
                .prefetch(Prefetch.fullRecord(Records.demoPatient("demo-item9", NOW))));

        assertWellFormed(cards);
        assertThat(all(cards)).extracting(Cards::rule)
                .containsExactlyInAnyOrder(PHQ9_ITEM9_RULE, PHQ9_SCORE_RULE, GAD7_SCORE_RULE);
        JsonNode phq9 = theOneByRule(cards, PHQ9_SCORE_RULE);
        assertThat(phq9.path("summary").asText())
                .startsWith("PHQ-9 17 (moderately severe) on " + daysAgo(4))
                .contains("up 4 since " + daysAgo(35));
        assertThat(phq9.path("indicator").asText()).isEqualTo("warning");
        assertThat(theOneByRule(cards, GAD7_SCORE_RULE).path("summary").asText())
                .startsWith("GAD-7 11 (moderate) on " + daysAgo(4));
    }

    @Test
    void item9AnsweredZeroRaisesNoCriticalCard() {
        JsonNode cards = cardsFor(HookCall.patientView("demo-improving")
                .prefetch(Prefetch.fullRecord(Records.demoPatient("demo-improving", NOW))));

        assertWellFormed(cards);
        assertThat(critical(cards)).isEmpty();
        assertThat(byRule(cards, PHQ9_ITEM9_RULE)).isEmpty();
        JsonNode phq9 = theOneByRule(cards, PHQ9_SCORE_RULE);
        assertThat(phq9.path("summary").asText()).startsWith("PHQ-9 6 (mild) on " + daysAgo(4)).contains("down 3");
        assertThat(phq9.path("indicator").asText()).isEqualTo("info");
    }

    @Test
    void prefetchKeysSentAsNullMeanNoDataRatherThanMissingData() {
        JsonNode cards = cardsFor(HookCall.patientView("null-keys").prefetch(Prefetch.empty()
                .resource(Prefetch.PATIENT, Records.patient("null-keys"))
                .searchset(Prefetch.QUESTIONNAIRE_RESPONSES,
                        Records.phq9("null-keys-phq9", "null-keys", NOW.minus(Duration.ofDays(3)), 1, 1, 1, 1, 1, 1, 1, 1, 0))
                .noData(Prefetch.SURVEY_OBSERVATIONS)
                .noData(Prefetch.NOTES)
                .noData(Prefetch.CONDITIONS)));

        assertWellFormed(cards);
        assertThat(all(cards)).extracting(Cards::rule).containsExactly(PHQ9_SCORE_RULE);
        assertThat(cards.get(0).path("summary").asText()).startsWith("PHQ-9 8 (mild)");
    }

    @Test
    void everyPrefetchKeyNullIsAnEmptyRecordAndNoCards() {
        JsonNode cards = cardsFor(HookCall.patientView("nothing-recorded").prefetch(Prefetch.empty().noDataForTheRest()));

        assertThat(cards).isEmpty();
    }

    @Test
    void operationOutcomeInPrefetchWithoutFhirServerGivesARecordIncompleteInfoCard() {
        JsonNode cards = cardsFor(HookCall.patientView("outcome").prefetch(Prefetch.empty()
                .resource(Prefetch.PATIENT, Records.patient("outcome"))
                .searchset(Prefetch.QUESTIONNAIRE_RESPONSES,
                        Records.phq9("outcome-phq9", "outcome", NOW.minus(Duration.ofDays(2)), 0, 0, 0, 0, 0, 0, 0, 0, 0))
                .searchset(Prefetch.SURVEY_OBSERVATIONS)
                .resource(Prefetch.NOTES, Records.prefetchFailed())
                .searchset(Prefetch.CONDITIONS)));

        assertWellFormed(cards);
        JsonNode incomplete = theOneByRule(cards, RECORD_INCOMPLETE_RULE);
        assertThat(incomplete.path("indicator").asText()).isEqualTo("info");
        assertThat(incomplete.path("detail").asText()).contains("`notes`", "OperationOutcome", "too-costly");
        assertThat(incomplete.path("detail").asText()).doesNotContain("`questionnaireResponses`");
        assertThat(theOneByRule(cards, PHQ9_SCORE_RULE).path("summary").asText()).startsWith("PHQ-9 0 (minimal)");
    }

    @Test
    void aResponseAboutAnotherPatientRaisesNoCardForThisOneAndIsReportedAsIgnored() {
        JsonNode cards = cardsFor(HookCall.patientView("this-patient").prefetch(Prefetch.empty()
                .resource(Prefetch.PATIENT, Records.patient("this-patient"))
                .searchset(Prefetch.QUESTIONNAIRE_RESPONSES,
                        Records.phq9("other-phq9", "other-patient", NOW.minus(Duration.ofDays(1)), 3, 3, 3, 3, 3, 3, 3, 3, 3))
                .noDataForTheRest()));

        assertWellFormed(cards);
        assertThat(critical(cards)).isEmpty();
        assertThat(byRule(cards, PHQ9_SCORE_RULE)).isEmpty();
        assertThat(theOneByRule(cards, RECORD_INCOMPLETE_RULE).path("detail").asText()).contains("another patient");
    }

    private static LocalDate daysAgo(int days) {
        return LocalDate.ofInstant(NOW.minus(Duration.ofDays(days)), ZoneOffset.UTC);
    }
}
