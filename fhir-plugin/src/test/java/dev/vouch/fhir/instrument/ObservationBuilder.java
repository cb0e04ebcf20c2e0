package dev.vouch.fhir.instrument;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;

/** Builds a survey Observation: a LOINC code, a value, a time, and for a panel its members. */
final class ObservationBuilder {

    private final Observation observation = new Observation();

    private ObservationBuilder(String id, String loinc) {
        observation.setId(id);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/observation-category", "survey", "Survey")));
        observation.setCode(new CodeableConcept(new Coding(ResponseBuilder.LOINC, loinc, null)));
        observation.setSubject(new Reference("Patient/example"));
        observation.setEffective(new DateTimeType("2025-05-20T10:00:00Z"));
    }

    static ObservationBuilder observation(String id, String loinc) {
        return new ObservationBuilder(id, loinc);
    }

    ObservationBuilder answer(Coding answer) {
        observation.setValue(new CodeableConcept(answer));
        return this;
    }

    ObservationBuilder value(Type value) {
        observation.setValue(value);
        return this;
    }

    /** A Synthea-style score: a Quantity in {score}. */
    ObservationBuilder score(int score) {
        observation.setValue(new Quantity().setValue(score).setUnit("{score}")
                .setSystem("http://unitsofmeasure.org").setCode("{score}"));
        return this;
    }

    ObservationBuilder effective(String dateTime) {
        observation.setEffective(new DateTimeType(dateTime));
        return this;
    }

    ObservationBuilder member(String reference) {
        observation.addHasMember(new Reference(reference));
        return this;
    }

    ObservationBuilder derivedFrom(String reference) {
        observation.addDerivedFrom(new Reference(reference));
        return this;
    }

    Observation build() {
        return observation;
    }
}
