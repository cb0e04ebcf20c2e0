package dev.vouch.hooks;

import ca.uhn.fhir.context.FhirContext;
import dev.vouch.cards.CardDraft;
import dev.vouch.fhir.instrument.InstrumentResponseReader;
import dev.vouch.fhir.record.PatientRecord;
import dev.vouch.safety.ConditionSafetyRules;
import dev.vouch.safety.SafetyRules;
import dev.vouch.terminology.CodeSystems;
import dev.vouch.terminology.TerminologySnapshot;
import dev.vouch.terminology.TerminologySource;
import dev.vouch.terminology.ValueSets;
import dev.vouch.terminology.instrument.InstrumentCatalog;
import dev.vouch.terminology.questionnaire.QuestionnaireIndex;
import dev.vouch.testing.Records;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The service on plain records, with a terminology source the test controls. */
class MentalHealthReviewServiceTest {

    private static final Instant NOW = Instant.parse("2025-06-02T14:30:00Z");
    private static final String HOSPITAL_PHQ9 = "https://hospital.example/forms/phq9";
    private static final String HOSPITAL_CODES = "http://hospital.example/codes";
    private static final List<String> PHQ9_ITEMS = List.of("44250-9", "44255-8", "44259-0", "44254-1", "44251-7",
            "44258-2", "44252-5", "44253-3", "44260-8");
    private static final List<String> FREQUENCY = List.of("LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9");
    private static final InstrumentCatalog CATALOG = InstrumentCatalog.bundled();
    private static final QuestionnaireIndex FORMS = QuestionnaireIndex.bundled(FhirContext.forR4Cached());

    private final AtomicReference<TerminologySnapshot> configured = new AtomicReference<>(snapshot());
    private final AtomicInteger snapshotsTaken = new AtomicInteger();
    private final TerminologySource source = () -> {
        snapshotsTaken.incrementAndGet();
        return configured.get();
    };
    private final MentalHealthReviewService service = new MentalHealthReviewService(source,
            new InstrumentResponseReader(), new SafetyRules(Duration.ofDays(30)), new ConditionSafetyRules(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void eachCallTakesOneSnapshotForAllItsCodeQuestions() {
        PatientRecord record = record(List.of(localPhq9(1, 1, 1, 1, 1, 1, 1, 1, 2)),
                List.of(localCondition()));

        service.evaluate(context(), record);
        service.evaluate(context(), record);

        assertThat(snapshotsTaken).hasValue(2);
    }

    @Test
    void aConfigurationChangeTakesEffectOnTheNextCall() {
        PatientRecord record = record(List.of(localPhq9(1, 1, 1, 1, 1, 1, 1, 1, 2)), List.of(localCondition()));

        List<CardDraft> before = service.evaluate(context(), record);
        configured.set(snapshot(linkIdMap(), suicidalIdeationWith(HOSPITAL_CODES, "SI-LOCAL-7")));
        List<CardDraft> after = service.evaluate(context(), record);

        assertThat(before).isEmpty();
        assertThat(after).extracting(CardDraft::rule).containsExactlyInAnyOrder("safety.phq9-item9",
                ConditionSafetyRules.SUICIDAL_IDEATION_RULE, "instrument-score.phq-9");
        assertThat(after).filteredOn(card -> card.rule().equals("instrument-score.phq-9")).singleElement()
                .satisfies(card -> assertThat(card.summary()).startsWith("PHQ-9 10 (moderate)"));
    }

    @Test
    void anActiveSuicidalIdeationConditionAloneRaisesTheCriticalCardBesideAMildScore() {
        configured.set(snapshot(linkIdMap(), suicidalIdeationWith(CodeSystems.SNOMED_CT, "6471006")));
        Condition condition = Records.activeCondition("si", "p1", NOW.minus(Duration.ofDays(60)),
                CodeSystems.SNOMED_CT, "6471006", "Suicidal ideation");

        List<CardDraft> cards = service.evaluate(context(),
                record(List.of(localPhq9(1, 1, 1, 1, 1, 1, 0, 0, 0)), List.of(condition)));

        assertThat(cards).extracting(CardDraft::rule).containsExactlyInAnyOrder(
                ConditionSafetyRules.SUICIDAL_IDEATION_RULE, "instrument-score.phq-9");
    }

    private static HookContext context() {
        return new HookContext(MentalHealthReviewService.ID, "patient-view", "hook-1", "Practitioner/example", "p1",
                Optional.empty());
    }

    private static PatientRecord record(List<QuestionnaireResponse> responses, List<Condition> conditions) {
        return new PatientRecord("p1", Optional.empty(), responses, List.of(), List.of(), conditions, List.of(),
                List.of());
    }

    private static QuestionnaireResponse localPhq9(int... scores) {
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setId("local-phq9");
        response.setQuestionnaire(HOSPITAL_PHQ9 + "|3");
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        response.setSubject(new Reference("Patient/p1"));
        response.setAuthoredElement(new DateTimeType(Date.from(NOW.minus(Duration.ofDays(1)))));
        for (int i = 0; i < scores.length; i++) {
            response.addItem().setLinkId("q" + (i + 1)).addAnswer()
                    .setValue(new Coding(CodeSystems.LOINC, FREQUENCY.get(scores[i]), null));
        }
        return response;
    }

    private static Condition localCondition() {
        return Records.activeCondition("local-si", "p1", NOW.minus(Duration.ofDays(10)), HOSPITAL_CODES, "SI-LOCAL-7",
                "Suicidal thoughts");
    }

    private static ConceptMap linkIdMap() {
        ConceptMap map = new ConceptMap().setUrl("https://hospital.example/ConceptMap/phq9")
                .setStatus(Enumerations.PublicationStatus.ACTIVE);
        ConceptMap.ConceptMapGroupComponent group = map.addGroup().setSource(HOSPITAL_PHQ9)
                .setTarget(CodeSystems.LOINC);
        for (int i = 0; i < PHQ9_ITEMS.size(); i++) {
            group.addElement().setCode("q" + (i + 1)).addTarget().setCode(PHQ9_ITEMS.get(i))
                    .setEquivalence(Enumerations.ConceptMapEquivalence.EQUIVALENT);
        }
        return map;
    }

    private static ValueSet suicidalIdeationWith(String system, String code) {
        ValueSet valueSet = new ValueSet().setUrl(ValueSets.SUICIDAL_IDEATION)
                .setStatus(Enumerations.PublicationStatus.ACTIVE);
        valueSet.getCompose().addInclude().setSystem(system).addConcept().setCode(code);
        return valueSet;
    }

    private static TerminologySnapshot snapshot(Resource... resources) {
        return TerminologySnapshot.of(1, CATALOG, FORMS, List.of(resources));
    }
}
