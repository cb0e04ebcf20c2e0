package dev.vouch.hooks;

import dev.vouch.assessment.Assessment;
import dev.vouch.assessment.InstrumentScoreCards;
import dev.vouch.cards.CardDraft;
import dev.vouch.fhir.instrument.InstrumentReadings;
import dev.vouch.fhir.instrument.InstrumentResponseReader;
import dev.vouch.fhir.record.PatientRecord;
import dev.vouch.fhir.record.PrefetchTemplate;
import dev.vouch.protocol.ServiceDescriptor;
import dev.vouch.safety.SafetyRules;
import dev.vouch.safety.SuicideRiskCards;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code mental-health-review} on patient-view: scores the patient's instruments and raises the safety floor's
 * critical cards.
 */
public final class MentalHealthReviewService implements CdsService {

    public static final String ID = "mental-health-review";

    static final List<PrefetchTemplate> PREFETCH = List.of(
            new PrefetchTemplate("patient", "Patient/{{context.patientId}}"),
            new PrefetchTemplate("questionnaireResponses", "QuestionnaireResponse?patient={{context.patientId}}"),
            new PrefetchTemplate("surveyObservations", "Observation?patient={{context.patientId}}&category=survey"),
            new PrefetchTemplate("notes", "DocumentReference?patient={{context.patientId}}&status=current"));

    private final InstrumentResponseReader instruments;
    private final SafetyRules safety;
    private final Clock clock;

    public MentalHealthReviewService(InstrumentResponseReader instruments, SafetyRules safety, Clock clock) {
        this.instruments = instruments;
        this.safety = safety;
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
                        + "raises a critical card for any answer that signals suicide risk.",
                ID, prefetch,
                "Read access to the patient's Patient, QuestionnaireResponse, Observation (survey) and "
                        + "DocumentReference resources, by prefetch or through fhirServer with fhirAuthorization."));
    }

    @Override
    public List<CardDraft> evaluate(HookContext context, PatientRecord record) {
        InstrumentReadings readings = instruments.read(record);
        List<CardDraft> drafts = new ArrayList<>(
                SuicideRiskCards.cards(safety.evaluate(readings.responses(), clock.instant())));
        drafts.addAll(InstrumentScoreCards.cards(Assessment.assess(readings.responses())));
        drafts.addAll(RecordGapCards.cards(record));
        return drafts;
    }
}
