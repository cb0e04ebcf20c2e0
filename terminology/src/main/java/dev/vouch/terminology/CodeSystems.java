package dev.vouch.terminology;

/** Canonical URLs of the code systems Vouch reads. */
public final class CodeSystems {

    public static final String LOINC = "http://loinc.org";
    public static final String SNOMED_CT = "http://snomed.info/sct";
    public static final String ICD_10_CM = "http://hl7.org/fhir/sid/icd-10-cm";
    public static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";

    /** Vouch's own code system for the rules that raise cards (used in a card's source topic). */
    public static final String VOUCH_RULE = "https://vouch.dev/fhir/CodeSystem/rule";
    /** Vouch's own code system for the reasons a clinician may give when overriding a card. */
    public static final String VOUCH_OVERRIDE_REASON = "https://vouch.dev/fhir/CodeSystem/override-reason";

    /** SDC extension carrying the numeric value of an answer option. */
    public static final String ORDINAL_VALUE_EXTENSION = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
    /** The R5-style successor of ordinalValue, also seen on R4 forms. */
    public static final String ITEM_WEIGHT_EXTENSION = "http://hl7.org/fhir/StructureDefinition/itemWeight";

    private CodeSystems() {
    }
}
