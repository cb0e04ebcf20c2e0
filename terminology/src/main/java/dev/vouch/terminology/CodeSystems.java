package dev.vouch.terminology;

/** Canonical URLs of the code systems Vouch reads. */
public final class CodeSystems {

    public static final String LOINC = "http://loinc.org";
    public static final String SNOMED_CT = "http://snomed.info/sct";
    public static final String ICD_10_CM = "http://hl7.org/fhir/sid/icd-10-cm";
    public static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";

    /** SDC extension carrying the numeric value of an answer option. */
    public static final String ORDINAL_VALUE_EXTENSION = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
    /** The R5-style successor of ordinalValue, also seen on R4 forms. */
    public static final String ITEM_WEIGHT_EXTENSION = "http://hl7.org/fhir/StructureDefinition/itemWeight";

    private CodeSystems() {
    }
}
