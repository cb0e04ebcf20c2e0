package dev.vouch.fhir.record;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** Small synthetic charts to seed a FHIR server or a prefetch Bundle with. */
final class Charts {

    private Charts() {
    }

    static Patient patient(String id) {
        Patient patient = new Patient();
        patient.setId(id);
        patient.addName().setFamily("Testperson-" + id);
        return patient;
    }

    static QuestionnaireResponse response(String id, String patientId) {
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setId(id);
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        response.setQuestionnaire("http://hl7.org/fhir/us/core/Questionnaire/phq-9-example");
        response.setSubject(new Reference("Patient/" + patientId));
        response.setAuthoredElement(new DateTimeType("2025-01-01T09:00:00Z"));
        return response;
    }

    /** {@code count} QuestionnaireResponses of one patient, ids {@code <patientId>-qr-1} and on. */
    static List<QuestionnaireResponse> responses(String patientId, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(n -> response(patientId + "-qr-" + n, patientId)).toList();
    }

    static Observation phq9Total(String id, String patientId, int score) {
        Observation observation = new Observation();
        observation.setId(id);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/observation-category", "survey", null)));
        observation.setCode(new CodeableConcept(new Coding("http://loinc.org", "44261-6", null)));
        observation.setSubject(new Reference("Patient/" + patientId));
        observation.setValue(new Quantity(score));
        return observation;
    }

    @SafeVarargs
    static List<Resource> all(List<? extends Resource>... parts) {
        List<Resource> all = new ArrayList<>();
        for (List<? extends Resource> part : parts) {
            all.addAll(part);
        }
        return all;
    }
}
