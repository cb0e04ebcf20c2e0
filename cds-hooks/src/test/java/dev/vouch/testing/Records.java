package dev.vouch.testing;

import dev.vouch.fhir.demo.DemoPatients;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Small builders for the FHIR resources of a patient's record. */
public final class Records {

    /** PHQ-9 item codes in item order; the US Core form's linkIds are "/" + code. */
    public static final List<String> PHQ9_ITEMS = List.of("44250-9", "44255-8", "44259-0", "44254-1", "44251-7",
            "44258-2", "44252-5", "44253-3", "44260-8");
    /** LOINC answer list LL358-3, indexed by score. */
    public static final List<Coding> FREQUENCY = List.of(
            new Coding("http://loinc.org", "LA6568-5", "Not at all"),
            new Coding("http://loinc.org", "LA6569-3", "Several days"),
            new Coding("http://loinc.org", "LA6570-1", "More than half the days"),
            new Coding("http://loinc.org", "LA6571-9", "Nearly every day"));

    private Records() {
    }

    public static Patient patient(String id) {
        Patient patient = new Patient();
        patient.setId(id);
        patient.setActive(true);
        return patient;
    }

    /** A completed US Core PHQ-9 form with the nine item scores (0-3) given, in item order. */
    public static QuestionnaireResponse phq9(String id, String patientId, Instant authored, int... itemScores) {
        if (itemScores.length != PHQ9_ITEMS.size()) {
            throw new IllegalArgumentException("PHQ-9 has 9 scored items, got " + itemScores.length);
        }
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setId(id);
        response.setQuestionnaire(DemoPatients.PHQ9_QUESTIONNAIRE);
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        response.setSubject(new Reference("Patient/" + patientId));
        response.setAuthoredElement(new DateTimeType(Date.from(authored)));
        for (int i = 0; i < itemScores.length; i++) {
            response.addItem().setLinkId("/" + PHQ9_ITEMS.get(i)).addAnswer()
                    .setValue(FREQUENCY.get(itemScores[i]).copy());
        }
        return response;
    }

    /** An active, confirmed problem-list Condition with one coding, recorded on the date given. */
    public static Condition activeCondition(String id, String patientId, Instant recorded, String system, String code,
                                            String display) {
        Condition condition = new Condition();
        condition.setId(id);
        condition.setClinicalStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active")));
        condition.setVerificationStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", "Confirmed")));
        condition.addCategory(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item", "Problem List Item")));
        condition.setCode(new CodeableConcept(new Coding(system, code, display)));
        condition.setSubject(new Reference("Patient/" + patientId));
        condition.setRecordedDateElement(new DateTimeType(Date.from(recorded)));
        return condition;
    }

    /** What an EHR sends under a prefetch key it tried and failed to fill. */
    public static OperationOutcome prefetchFailed() {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.TOOCOSTLY)
                .setDiagnostics("The search would return too many results");
        return outcome;
    }

    /** One demo patient's record, as the embedded demo FHIR server holds it, its dates relative to {@code now}. */
    public static List<Resource> demoPatient(String patientId, Instant now) {
        String reference = "Patient/" + patientId;
        return DemoPatients.build(now).stream().filter(resource -> switch (resource) {
            case Patient patient -> patient.getIdElement().getIdPart().equals(patientId);
            case QuestionnaireResponse response -> reference.equals(response.getSubject().getReference());
            case Observation observation -> reference.equals(observation.getSubject().getReference());
            case DocumentReference note -> reference.equals(note.getSubject().getReference());
            case Condition condition -> reference.equals(condition.getSubject().getReference());
            default -> false;
        }).toList();
    }
}
