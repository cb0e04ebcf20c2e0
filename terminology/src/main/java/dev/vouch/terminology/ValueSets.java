package dev.vouch.terminology;

/** Canonical URLs of the value sets Vouch's rules consult. Admins may add codes to them; the URLs stay. */
public final class ValueSets {

    private static final String BASE = "https://vouch.dev/fhir/ValueSet/";

    public static final String DEPRESSION = BASE + "depression";
    public static final String ANXIETY = BASE + "anxiety";
    public static final String SUICIDAL_IDEATION = BASE + "suicidal-ideation";
    public static final String SUICIDE_ATTEMPT = BASE + "suicide-attempt";
    public static final String POSTPARTUM_DEPRESSION = BASE + "postpartum-depression";
    public static final String PTSD = BASE + "ptsd";
    public static final String BIPOLAR_DISORDER = BASE + "bipolar-disorder";
    public static final String ALCOHOL_USE_DISORDER = BASE + "alcohol-use-disorder";

    /** Extension on a value-set concept whose code the sources Vouch was built from do not confirm. */
    public static final String UNCONFIRMED_EXTENSION = "https://vouch.dev/fhir/StructureDefinition/unconfirmed-code";

    private ValueSets() {
    }
}
