package dev.vouch.hooks;

import dev.vouch.assessment.Assessment;
import dev.vouch.assessment.InstrumentScoreCards;
import dev.vouch.cards.CardDraft;
import dev.vouch.fhir.instrument.InstrumentReadings;
import dev.vouch.fhir.instrument.InstrumentResponseReader;
import dev.vouch.fhir.record.PatientRecord;
import dev.vouch.fhir.record.PrefetchTemplate;
import dev.vouch.protocol.ServiceDescriptor;
import dev.vouch.safety.ConditionSafetyRules;
import dev.vouch.safety.SafetyFinding;
import dev.vouch.safety.SafetyRules;
import dev.vouch.safety.SuicideRiskCards;
import dev.vouch.terminology.TerminologySnapshot;
import dev.vouch.terminology.TerminologySource;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code mental-health-review} on patient-view: scores the patient's instruments and raises the safety floor's
 * critical cards, for questionnaire answers and for active risk conditions. Each call takes one terminology snapshot
 * and asks it every code question of the call, in memory.
 */
public final class MentalHealthReviewService implements CdsService {

    public static final String ID = "mental-health-review";

    static final List<PrefetchTemplate> PREFETCH = List.of(
            new PrefetchTemplate("patient", "Patient/{{context.patientId}}"),
            new PrefetchTemplate("questionnaireResponses", "QuestionnaireResponse?patient={{context.patientId}}"),
            new PrefetchTemplate("surveyObservations", "Observation?patient={{context.patientId}}&category=survey"),
            new PrefetchTemplate("notes", "DocumentReference?patient={{context.patientId}}&status=current"),
            // recurrence and relapse are active too; a server that matches the token exactly would leave them out.
            new PrefetchTemplate("conditions",
                    "Condition?patient={{context.patientId}}&clinical-status=active,recurrence,relapse"));

    private final TerminologySource terminology;
    private final InstrumentResponseReader instruments;
    private final SafetyRules answerSafety;
    private final ConditionSafetyRules conditionSafety;
    private final Clock clock;

    public MentalHealthReviewService(TerminologySource terminology, InstrumentResponseReader instruments,
                                     SafetyRules answerSafety, ConditionSafetyRules conditionSafety, Clock clock) {
        this.terminology = terminology;
        this.instruments = instruments;
        this.answerSafety = answerSafety;
        this.conditionSafety = conditionSafety;
        this.clock = clock;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<String> hooks() {
        return Set.of("patient-view");
    }

    @Override
    public List<PrefetchTemplate> prefetch() {
        return PREFETCH;
    }

    @Override
    public List<ServiceDescriptor> descriptors() {
        Map<String, String> prefetch = new LinkedHashMap<>();
        PREFETCH.forEach(template -> prefetch.put(template.key(), template.query()));
        return List.of(new ServiceDescriptor("patient-view", "Mental health review",
                "Scores the patient's validated mental-health questionnaires (PHQ-9, GAD-7) with their trend, and "
                        + "raises a critical card for any answer or active condition that signals suicide risk.",
                ID, prefetch,
                "Read access to the patient's Patient, QuestionnaireResponse, Observation (survey), "
                        + "DocumentReference and Condition resources, by prefetch or through fhirServer with "
                        + "fhirAuthorization."));
    }

    @Override
    public List<CardDraft> evaluate(HookContext context, PatientRecord record) {
        TerminologySnapshot codes = terminology.current();
        InstrumentReadings readings = instruments.read(record, codes);
        List<SafetyFinding> findings = new ArrayList<>(answerSafety.evaluate(readings.responses(), clock.instant()));
        findings.addAll(conditionSafety.evaluate(record.conditions(), codes));
        List<CardDraft> drafts = new ArrayList<>(SuicideRiskCards.cards(findings));
        drafts.addAll(InstrumentScoreCards.cards(Assessment.assess(readings.responses())));
        drafts.addAll(RecordGapCards.cards(record));
        return drafts;
    }
}
