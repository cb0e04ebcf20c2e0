package dev.vouch.terminology.testing;

import dev.vouch.terminology.CodeSystems;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.ValueSet;

/** Small builders for the terminology resources tests store and query. */
public final class Terminology {

    public static final String SITE_DEPRESSION = "https://site.example/fhir/ValueSet/depression-local";

    private Terminology() {
    }

    /** An active value set of SNOMED CT codes. */
    public static ValueSet snomedValueSet(String id, String url, String name, String... codeAndDisplay) {
        ValueSet valueSet = new ValueSet();
        valueSet.setId(id);
        valueSet.setUrl(url);
        valueSet.setName(name);
        valueSet.setTitle(name + " (title)");
        valueSet.setStatus(PublicationStatus.ACTIVE);
        ValueSet.ConceptSetComponent include = valueSet.getCompose().addInclude().setSystem(CodeSystems.SNOMED_CT);
        for (int i = 0; i + 1 < codeAndDisplay.length; i += 2) {
            include.addConcept().setCode(codeAndDisplay[i]).setDisplay(codeAndDisplay[i + 1]);
        }
        return valueSet;
    }

    /** An active, complete code system. */
    public static CodeSystem codeSystem(String id, String url, String... codeAndDisplay) {
        CodeSystem codeSystem = new CodeSystem();
        codeSystem.setId(id);
        codeSystem.setUrl(url);
        codeSystem.setName("SiteCodes");
        codeSystem.setVersion("2025-01");
        codeSystem.setStatus(PublicationStatus.ACTIVE);
        codeSystem.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        for (int i = 0; i + 1 < codeAndDisplay.length; i += 2) {
            codeSystem.addConcept().setCode(codeAndDisplay[i]).setDisplay(codeAndDisplay[i + 1]);
        }
        return codeSystem;
    }

    /** An active concept map with one group and one equivalent target per source code. */
    public static ConceptMap conceptMap(String id, String url, String source, String target,
                                        String... sourceTargetDisplay) {
        ConceptMap map = new ConceptMap();
        map.setId(id);
        map.setUrl(url);
        map.setName("SiteMap");
        map.setStatus(PublicationStatus.ACTIVE);
        ConceptMap.ConceptMapGroupComponent group = map.addGroup().setSource(source).setTarget(target);
        for (int i = 0; i + 2 < sourceTargetDisplay.length; i += 3) {
            group.addElement().setCode(sourceTargetDisplay[i]).addTarget()
                    .setCode(sourceTargetDisplay[i + 1]).setDisplay(sourceTargetDisplay[i + 2])
                    .setEquivalence(Enumerations.ConceptMapEquivalence.EQUIVALENT);
        }
        return map;
    }
}
