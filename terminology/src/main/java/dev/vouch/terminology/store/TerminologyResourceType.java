package dev.vouch.terminology.store;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;

import java.util.Arrays;
import java.util.Optional;

/** The resource types admins configure. */
public enum TerminologyResourceType {
    CodeSystem(CodeSystem.class),
    ValueSet(ValueSet.class),
    ConceptMap(ConceptMap.class),
    Questionnaire(Questionnaire.class);

    private final Class<? extends Resource> type;

    TerminologyResourceType(Class<? extends Resource> type) {
        this.type = type;
    }

    public Class<? extends Resource> resourceClass() {
        return type;
    }

    public static Optional<TerminologyResourceType> of(String name) {
        return Arrays.stream(values()).filter(value -> value.name().equals(name)).findFirst();
    }
}
