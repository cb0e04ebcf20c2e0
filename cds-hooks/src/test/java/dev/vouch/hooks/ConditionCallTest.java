package dev.vouch.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.testing.Cards;
import dev.vouch.testing.HookCall;
import dev.vouch.testing.Prefetch;
import dev.vouch.testing.Records;
import dev.vouch.testing.VouchHttpTest;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static dev.vouch.testing.Cards.PHQ9_ITEM9_RULE;
import static dev.vouch.testing.Cards.PHQ9_SCORE_RULE;
import static dev.vouch.testing.Cards.RECORD_INCOMPLETE_RULE;
import static dev.vouch.testing.Cards.assertWellFormed;
import static dev.vouch.testing.Cards.byRule;
import static dev.vouch.testing.Cards.critical;
import static dev.vouch.testing.Cards.theOneByRule;
import static org.assertj.core.api.Assertions.assertThat;

/** Hook calls whose record holds Conditions: the safety floor's condition rules over real HTTP. */
class ConditionCallTest extends VouchHttpTest {

    private static final Instant NOW = Instant.now();
    private static final String CONDITION_SI_RULE = "safety.condition-suicidal-ideation";
    private static final String CONDITION_ATTEMPT_RULE = "safety.condition-suicide-attempt";
    private static final String SNOMED = "http://snomed.info/sct";
    private static final String ICD_10_CM = "http://hl7.org/fhir/sid/icd-10-cm";

    @Test
    void anActiveSuicidalIdeationConditionRaisesACriticalCardBesideAMildPhq9WhoseItem9IsZero() {
        JsonNode cards = cardsFor(HookCall.patientView("demo-condition-si")
                .prefetch(Prefetch.fullRecord(Records.demoPatient("demo-condition-si", NOW))));

        assertWellFormed(cards);
        JsonNode first = cards.get(0);
        assertThat(Cards.rule(first)).as("the critical card comes first").isEqualTo(CONDITION_SI_RULE);
        assertThat(first.path("indicator").asText()).isEqualTo("critical");
        assertThat(first.path("summary").asText()).contains("Suicidal ideation", daysAgo(60).toString());
        assertThat(first.path("detail").asText())
                .contains("Condition/demo-condition-si-condition-6471006", "`6471006`")
                .contains("same-day suicide risk assessment", "safety planning", "988");
        assertThat(critical(cards)).hasSize(1);
        assertThat(byRule(cards, PHQ9_ITEM9_RULE)).isEmpty();
        assertThat(theOneByRule(cards, PHQ9_SCORE_RULE).path("summary").asText()).startsWith("PHQ-9 6 (mild)");
    }

    @Test
    void theDemoFhirServerServesTheConditionThroughTheConditionsPrefetchQuery() {
        JsonNode cards = cardsFor(HookCall.patientView("demo-condition-si").fhirServer(baseUrl() + "/fhir"));

        assertThat(byRule(cards, RECORD_INCOMPLETE_RULE)).isEmpty();
        assertThat(critical(cards)).extracting(Cards::rule).containsExactly(CONDITION_SI_RULE);
    }

    @Test
    void aSuicideAttemptConditionRaisesItsOwnCriticalCard() {
        Condition attempt = Records.activeCondition("attempt-1", "attempt", NOW.minus(Duration.ofDays(3)), ICD_10_CM,
                "T14.91XA", "Suicide attempt, initial encounter");

        JsonNode cards = cardsFor(HookCall.patientView("attempt").prefetch(Prefetch.empty()
                .resource(Prefetch.PATIENT, Records.patient("attempt"))
                .searchset(Prefetch.CONDITIONS, attempt)
                .noDataForTheRest()));

        assertWellFormed(cards);
        JsonNode card = theOneByRule(cards, CONDITION_ATTEMPT_RULE);
        assertThat(card.path("indicator").asText()).isEqualTo("critical");
        assertThat(card.path("detail").asText()).contains("Condition/attempt-1", "T14.91XA");
    }

    @Test
    void aResolvedOrRefutedSuicidalIdeationConditionRaisesNoCard() {
        Condition resolved = Records.activeCondition("resolved", "past", NOW.minus(Duration.ofDays(400)), SNOMED,
                "6471006", "Suicidal ideation").setClinicalStatus(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-clinical", "resolved", "Resolved")));
        Condition refuted = Records.activeCondition("refuted", "past", NOW.minus(Duration.ofDays(20)), SNOMED,
                "6471006", "Suicidal ideation").setVerificationStatus(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-ver-status", "refuted", "Refuted")));

        JsonNode cards = cardsFor(HookCall.patientView("past").prefetch(Prefetch.empty()
                .resource(Prefetch.PATIENT, Records.patient("past"))
                .searchset(Prefetch.CONDITIONS, resolved, refuted)
                .noDataForTheRest()));

        assertThat(critical(cards)).isEmpty();
    }

    private static LocalDate daysAgo(int days) {
        return LocalDate.ofInstant(NOW.minus(Duration.ofDays(days)), ZoneOffset.UTC);
    }
}
