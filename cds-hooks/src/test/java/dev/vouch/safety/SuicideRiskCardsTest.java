package dev.vouch.safety;

import dev.vouch.cards.CardDraft;
import dev.vouch.cards.CardKind;
import dev.vouch.fhir.instrument.InstrumentResponse;
import dev.vouch.protocol.Coding;
import dev.vouch.protocol.Indicator;
import dev.vouch.protocol.Link;
import dev.vouch.terminology.CodeSystems;
import dev.vouch.terminology.ValueSets;
import dev.vouch.terminology.instrument.InstrumentCatalog;
import dev.vouch.terminology.instrument.InstrumentDefinition;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SuicideRiskCardsTest {

    private static final Instant MAY_1 = Instant.parse("2025-05-01T09:00:00Z");
    private static final Instant MAY_20 = Instant.parse("2025-05-20T09:00:00Z");
    private static final InstrumentDefinition PHQ9 = InstrumentCatalog.bundled().byId("phq-9").orElseThrow();

    @Test
    void anActiveSuicidalIdeationConditionIsACriticalSuicideRiskCardCitingTheConditionAndItsCode() {
        CardDraft card = SuicideRiskCards.cards(List.of(suicidalIdeation("Condition/si", MAY_1))).getFirst();

        assertThat(card.kind()).isEqualTo(CardKind.SUICIDE_RISK);
        assertThat(card.indicator()).isEqualTo(Indicator.CRITICAL);
        assertThat(card.rule()).isEqualTo(ConditionSafetyRules.SUICIDAL_IDEATION_RULE);
        assertThat(card.summary()).isEqualTo(
                "Suicide risk: active condition \"Suicidal ideation\" recorded 2025-05-01; assess today");
        assertThat(card.detail())
                .contains("Condition/si", "`6471006`", CodeSystems.SNOMED_CT, "**Suicidal ideation**")
                .contains("same-day suicide risk assessment", "safety planning", "call or text **988**")
                .contains("Rule `safety.condition-suicidal-ideation`", "not AI-generated");
        assertThat(card.links()).extracting(Link::url).contains("https://988lifeline.org");
        assertThat(card.overrideReasons()).extracting(Coding::code).contains("condition-not-current");
        assertThat(card.evidenceAt()).contains(MAY_1);
    }

    @Test
    void twoConditionsOfOneRuleMakeOneCardLedByTheNewestAndCitingBoth() {
        List<CardDraft> cards = SuicideRiskCards.cards(List.of(
                suicidalIdeation("Condition/older", MAY_1), suicidalIdeation("Condition/newer", MAY_20)));

        assertThat(cards).singleElement().satisfies(card -> {
            assertThat(card.summary()).contains("2025-05-20");
            assertThat(card.detail()).contains("Condition/older", "Condition/newer");
            assertThat(card.detail().indexOf("Condition/newer")).isLessThan(card.detail().indexOf("Condition/older"));
        });
    }

    @Test
    void answerAndConditionFindingsMakeOneCardPerRuleWithTheSameRecommendationAndCrisisSupport() {
        List<CardDraft> cards = SuicideRiskCards.cards(List.of(item9("QuestionnaireResponse/r1", 2, MAY_20),
                suicidalIdeation("Condition/si", MAY_1)));

        assertThat(cards).extracting(CardDraft::rule)
                .containsExactly("safety.phq9-item9", ConditionSafetyRules.SUICIDAL_IDEATION_RULE);
        assertThat(cards).allSatisfy(card -> {
            assertThat(card.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(card.detail()).contains("**Recommended today.** A same-day suicide risk assessment",
                    "**Crisis support for the patient.** 988 Suicide & Crisis Lifeline");
            assertThat(card.links()).hasSize(2);
        });
    }

    @Test
    void theItem9CardKeepsItsWording() {
        CardDraft card = SuicideRiskCards.cards(List.of(item9("QuestionnaireResponse/r1", 2, MAY_20))).getFirst();

        assertThat(card.summary())
                .isEqualTo("Suicide risk: PHQ-9 item 9 answered \"More than half the days\" on 2025-05-20; "
                        + "assess today");
        assertThat(card.ruleTitle()).isEqualTo("PHQ-9 item 9 safety rule");
        assertThat(card.detail())
                .contains("answered **More than half the days** (score 2). Source: `QuestionnaireResponse/r1`, "
                        + "item `/44260-8`.")
                .contains("Any positive response to this item calls for assessment whatever the total score.");
        assertThat(card.overrideReasons()).extracting(Coding::code).contains("entered-in-error");
    }

    private static SafetyFinding suicidalIdeation(String source, Instant recorded) {
        return new SafetyFinding.RiskCondition(ConditionSafetyRules.SUICIDAL_IDEATION_RULE, "suicidal ideation",
                ValueSets.SUICIDAL_IDEATION, source, CodeSystems.SNOMED_CT, "6471006", "Suicidal ideation",
                Optional.of(recorded));
    }

    private static SafetyFinding item9(String source, int score, Instant recorded) {
        InstrumentDefinition.CriticalItem critical = PHQ9.criticalItems().getFirst();
        return new SafetyFinding.CriticalAnswer(critical.rule(), PHQ9, critical,
                new InstrumentResponse.AnsweredItem(9, score, "/44260-8", "More than half the days", source),
                Optional.of(recorded));
    }
}
