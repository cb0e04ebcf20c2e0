package dev.vouch.admin;

import dev.vouch.terminology.store.TerminologyResourceType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.ValueSet;

import java.util.UUID;

/** Small, valid terminology resources for admin tests, each under a canonical URL of its own. */
public final class Resources {

    public static final String SNOMED = "http://snomed.info/sct";
    public static final String ICD_10_CM = "http://hl7.org/fhir/sid/icd-10-cm";
    public static final String LOINC = "http://loinc.org";

    private Resources() {
    }

    /** A canonical URL no other test uses. */
    public static String freshUrl(String type) {
        return "https://test.vouch.dev/fhir/" + type + "/" + UUID.randomUUID();
    }

    /** A short name unique to this run (search by name matches anywhere in the name). */
    public static String freshName(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static MetadataResource of(TerminologyResourceType type) {
        return switch (type) {
            case CodeSystem -> codeSystem(freshUrl("CodeSystem"), "a", "Alpha", "b", "Beta");
            case ValueSet -> valueSet(freshUrl("ValueSet"), SNOMED, "35489007");
            case ConceptMap -> conceptMap(freshUrl("ConceptMap"), SNOMED, "35489007", ICD_10_CM, "F32.A");
            case Questionnaire -> questionnaire(freshUrl("Questionnaire"));
        };
    }

    /** A complete code system; {@code codesAndDisplays} alternate code, display. */
    public static CodeSystem codeSystem(String url, String... codesAndDisplays) {
        CodeSystem codeSystem = new CodeSystem()
                .setUrl(url)
                .setName(freshName("TestCodes"))
                .setStatus(PublicationStatus.ACTIVE)
                .setContent(CodeSystem.CodeSystemContentMode.COMPLETE)
                .setCaseSensitive(true);
        for (int i = 0; i + 1 < codesAndDisplays.length; i += 2) {
            codeSystem.addConcept().setCode(codesAndDisplays[i]).setDisplay(codesAndDisplays[i + 1]);
        }
        return codeSystem;
    }

    /** A value set enumerating codes of one system. */
    public static ValueSet valueSet(String url, String system, String... codes) {
        ValueSet valueSet = new ValueSet()
                .setUrl(url)
                .setName(freshName("TestValueSet"))
                .setStatus(PublicationStatus.ACTIVE);
        ValueSet.ConceptSetComponent include = valueSet.getCompose().addInclude().setSystem(system);
        for (String code : codes) {
            include.addConcept().setCode(code);
        }
        return valueSet;
    }

    /** A map of one code to one equivalent target. */
    public static ConceptMap conceptMap(String url, String sourceSystem, String sourceCode, String targetSystem,
                                        String targetCode) {
        ConceptMap map = new ConceptMap()
                .setUrl(url)
                .setName(freshName("TestMap"))
                .setStatus(PublicationStatus.ACTIVE);
        map.addGroup().setSource(sourceSystem).setTarget(targetSystem)
                .addElement().setCode(sourceCode)
                .addTarget().setCode(targetCode).setEquivalence(Enumerations.ConceptMapEquivalence.EQUIVALENT);
        return map;
    }

    /** A one-item form with a LOINC code, as sites register their own versions of instruments. */
    public static Questionnaire questionnaire(String url) {
        Questionnaire form = new Questionnaire()
                .setUrl(url)
                .setName(freshName("TestForm"))
                .setStatus(PublicationStatus.ACTIVE);
        form.addItem().setLinkId("1").setText("Little interest or pleasure in doing things")
                .setType(Questionnaire.QuestionnaireItemType.CHOICE)
                .addCode().setSystem(LOINC).setCode("44250-9");
        form.getItemFirstRep().addAnswerOption().setValue(new org.hl7.fhir.r4.model.Coding(LOINC, "LA6568-5",
                "Not at all"));
        return form;
    }
}
