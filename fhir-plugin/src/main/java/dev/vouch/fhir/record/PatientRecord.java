package dev.vouch.fhir.record;

import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;

import java.util.List;
import java.util.Optional;

/**
 * The part of a patient's record Vouch reads for one hook call, each resource parsed once,
 * with the gaps that could not be filled (so cards can say what was not seen).
 */
public record PatientRecord(
        String patientId,
        Optional<Patient> patient,
        List<QuestionnaireResponse> questionnaireResponses,
        List<Observation> observations,
        List<DocumentReference> documents,
        List<Condition> conditions,
        List<Questionnaire> questionnaires,
        List<RecordGap> gaps) {

    public PatientRecord {
        questionnaireResponses = List.copyOf(questionnaireResponses);
        observations = List.copyOf(observations);
        documents = List.copyOf(documents);
        conditions = List.copyOf(conditions);
        questionnaires = List.copyOf(questionnaires);
        gaps = List.copyOf(gaps);
    }

    public static PatientRecord empty(String patientId) {
        return new PatientRecord(patientId, Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of());
    }

    public boolean isComplete() {
        return gaps.isEmpty();
    }
}
