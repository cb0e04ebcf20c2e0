package dev.vouch.terminology.operations;

import ca.uhn.fhir.context.FhirContext;
import dev.vouch.terminology.CodeSystems;
import dev.vouch.terminology.TerminologySnapshot;
import dev.vouch.terminology.ValueSets;
import dev.vouch.terminology.bundled.BundledTerminology;
import dev.vouch.terminology.instrument.InstrumentCatalog;
import dev.vouch.terminology.questionnaire.QuestionnaireIndex;
import dev.vouch.terminology.store.TerminologyException;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.vouch.terminology.testing.Terminology.codeSystem;
import static dev.vouch.terminology.testing.Terminology.conceptMap;
import static dev.vouch.terminology.testing.Terminology.snomedValueSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class TerminologyOperationsTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final InstrumentCatalog CATALOG = InstrumentCatalog.bundled();
    private static final String SITE_SYSTEM = "https://site.example/fhir/CodeSystem/diagnoses";
    private static final String SITE_MAP = "https://site.example/fhir/ConceptMap/diagnoses-to-snomed";
    private static final String NUMBERED = "https://site.example/fhir/ValueSet/numbered";
    private static final String SITE_CODES = "https://site.example/fhir/ValueSet/site-codes";

    private static final TerminologyOperations OPERATIONS = operations(configured());

    private static List<Resource> configured() {
        List<Resource> resources = new ArrayList<>(new BundledTerminology(FHIR, CATALOG).resources());
        CodeSystem site = codeSystem("diagnoses", SITE_SYSTEM, "D1", "Low mood", "D2", "Worry", "D3", "Old code");
        site.getConcept().getFirst().addProperty().setCode("severity").setValue(new StringType("moderate"));
        site.getConcept().getFirst().addDesignation().setLanguage("de").setValue("Niedergeschlagenheit");
        resources.add(site);
        ValueSet siteCodes = new ValueSet();
        siteCodes.setUrl(SITE_CODES);
        siteCodes.setStatus(PublicationStatus.ACTIVE);
        siteCodes.getCompose().addInclude().setSystem(SITE_SYSTEM);
        resources.add(siteCodes);
        resources.add(conceptMap("map", SITE_MAP, SITE_SYSTEM, CodeSystems.SNOMED_CT,
                "D1", "370143000", "Major depressive disorder",
                "D2", "21897009", "Generalized anxiety disorder"));
        String[] numbered = new String[60];
        for (int i = 0; i < 30; i++) {
            numbered[2 * i] = "1000" + i;
            numbered[2 * i + 1] = "Finding number " + i;
        }
        resources.add(snomedValueSet("numbered", NUMBERED, "Numbered", numbered));
        return resources;
    }

    private static TerminologyOperations operations(List<Resource> resources) {
        TerminologySnapshot snapshot = TerminologySnapshot.of(7, CATALOG, QuestionnaireIndex.bundled(FHIR), resources);
        return new TerminologyOperations(() -> snapshot, Optional.empty());
    }

    private static Optional<String> string(Parameters parameters, String name) {
        return parameters.getParameter().stream().filter(p -> name.equals(p.getName()))
                .map(p -> p.getValue().primitiveValue()).findFirst();
    }

    private static boolean result(Parameters parameters) {
        return ((BooleanType) parameters.getParameter("result").getValue()).booleanValue();
    }

    @Test
    void expandListsEveryCodeOfAConditionValueSetWithItsDisplay() {
        ValueSet expansion = OPERATIONS.expand(ValueSets.SUICIDAL_IDEATION, null, 0, 100);

        assertThat(expansion.getUrl()).isEqualTo(ValueSets.SUICIDAL_IDEATION);
        assertThat(expansion.getExpansion().getTotal()).isEqualTo(2);
        assertThat(expansion.getExpansion().getOffset()).isZero();
        assertThat(expansion.getExpansion().getContains())
                .extracting(ValueSet.ValueSetExpansionContainsComponent::getSystem,
                        ValueSet.ValueSetExpansionContainsComponent::getCode,
                        ValueSet.ValueSetExpansionContainsComponent::getDisplay)
                .containsExactly(
                        tuple(CodeSystems.SNOMED_CT, "6471006", "Suicidal thoughts"),
                        tuple(CodeSystems.ICD_10_CM, "R45.851", "Suicidal ideations"));
    }

    @Test
    void expandFiltersOnCodeOrDisplayIgnoringCase() {
        ValueSet byDisplay = OPERATIONS.expand(ValueSets.DEPRESSION, "RECURRENT, MILD", 0, 100);
        ValueSet byCode = OPERATIONS.expand(ValueSets.DEPRESSION, "f33.4", 0, 100);

        assertThat(byDisplay.getExpansion().getContains()).extracting(ValueSet.ValueSetExpansionContainsComponent::getCode)
                .containsExactly("F33.0");
        assertThat(byCode.getExpansion().getContains()).extracting(ValueSet.ValueSetExpansionContainsComponent::getCode)
                .containsExactly("F33.40", "F33.41", "F33.42");
        assertThat(byCode.getExpansion().getTotal()).isEqualTo(3);
        assertThat(byCode.getExpansion().getParameter()).extracting(ValueSet.ValueSetExpansionParameterComponent::getName)
                .contains("filter", "offset", "count");
    }

    @Test
    void expandPagesWithOffsetAndCountAndReportsTheTotalOfAllMatches() {
        ValueSet page = OPERATIONS.expand(NUMBERED, "finding", 10, 5);
        ValueSet totalOnly = OPERATIONS.expand(NUMBERED, null, 0, 0);
        ValueSet pastTheEnd = OPERATIONS.expand(NUMBERED, null, 40, 5);

        assertThat(page.getExpansion().getTotal()).isEqualTo(30);
        assertThat(page.getExpansion().getOffset()).isEqualTo(10);
        assertThat(page.getExpansion().getContains()).extracting(ValueSet.ValueSetExpansionContainsComponent::getCode)
                .containsExactly("100010", "100011", "100012", "100013", "100014");
        assertThat(totalOnly.getExpansion().getTotal()).isEqualTo(30);
        assertThat(totalOnly.getExpansion().getContains()).isEmpty();
        assertThat(pastTheEnd.getExpansion().getContains()).isEmpty();
    }

    @Test
    void expandTakesDisplaysFromTheCodeSystemWhenTheValueSetGivesNone() {
        ValueSet expansion = OPERATIONS.expand(SITE_CODES, "worry", 0, 10);

        assertThat(expansion.getExpansion().getContains()).singleElement()
                .satisfies(contains -> assertThat(contains.getDisplay()).isEqualTo("Worry"));
    }

    @Test
    void expandCarriesTheInstrumentItemNumberAndTheUnconfirmedFlag() {
        ValueSet phq9 = OPERATIONS.expand(BundledTerminology.instrumentValueSetUrl("phq-9"), "44260-8", 0, 10);
        ValueSet attempt = OPERATIONS.expand(ValueSets.SUICIDE_ATTEMPT, "82313006", 0, 10);

        assertThat(((IntegerType) phq9.getExpansion().getContainsFirstRep()
                .getExtensionByUrl(BundledTerminology.ITEM_NUMBER_EXTENSION).getValue()).getValue()).isEqualTo(9);
        assertThat(attempt.getExpansion().getContainsFirstRep().getExtensionByUrl(ValueSets.UNCONFIRMED_EXTENSION))
                .isNotNull();
    }

    @Test
    void expandOfAnUnknownValueSetWithoutARemoteServerIsNotFound() {
        assertThatThrownBy(() -> OPERATIONS.expand("https://nowhere.example/ValueSet/x", null, 0, 10))
                .isInstanceOf(TerminologyException.NotFound.class)
                .hasMessageContaining("https://nowhere.example/ValueSet/x is not held here")
                .hasMessageContaining("no remote terminology server is configured");
    }

    @Test
    void expandWithANegativeOffsetIsABadRequest() {
        assertThatThrownBy(() -> OPERATIONS.expand(ValueSets.PTSD, null, -1, 10))
                .isInstanceOf(TerminologyException.BadRequest.class);
    }

    @Test
    void expandOfAValueSetOverAWholeCodeSystemNotHeldHereSaysWhy() {
        ValueSet allOfSnomed = new ValueSet();
        allOfSnomed.setUrl("https://site.example/fhir/ValueSet/all-snomed");
        allOfSnomed.setStatus(PublicationStatus.ACTIVE);
        allOfSnomed.getCompose().addInclude().setSystem(CodeSystems.SNOMED_CT);
        TerminologyOperations operations = operations(List.of(allOfSnomed));

        assertThatThrownBy(() -> operations.expand(allOfSnomed.getUrl(), null, 0, 10))
                .isInstanceOf(TerminologyException.BadRequest.class)
                .hasMessageContaining("all of code system " + CodeSystems.SNOMED_CT);
    }

    @Test
    void validateCodeIsTrueForAMemberAndGivesItsDisplay() {
        Parameters answer = OPERATIONS.validateCode(ValueSets.ANXIETY, CodeSystems.ICD_10_CM, "F41.1", null);

        assertThat(result(answer)).isTrue();
        assertThat(string(answer, "display")).contains("Generalized anxiety disorder");
        assertThat(string(answer, "message")).isEmpty();
    }

    @Test
    void validateCodeIsFalseWithAMessageForACodeOutsideTheValueSet() {
        Parameters answer = OPERATIONS.validateCode(ValueSets.ANXIETY, CodeSystems.ICD_10_CM, "F32.9", null);

        assertThat(result(answer)).isFalse();
        assertThat(string(answer, "message")).hasValueSatisfying(message ->
                assertThat(message).contains("F32.9").contains(ValueSets.ANXIETY));
    }

    @Test
    void validateCodeIsFalseForAMemberGivenTheWrongDisplay() {
        Parameters answer = OPERATIONS.validateCode(ValueSets.PTSD, CodeSystems.ICD_10_CM, "F43.12",
                "Post-traumatic stress disorder, acute");

        assertThat(result(answer)).isFalse();
        assertThat(string(answer, "display")).contains("Post-traumatic stress disorder, chronic");
    }

    @Test
    void validateCodeOfAnUnconfirmedMemberIsTrueWithAWarning() {
        Parameters answer = OPERATIONS.validateCode(ValueSets.SUICIDE_ATTEMPT, CodeSystems.SNOMED_CT, "82313006",
                "suicide attempt");

        assertThat(result(answer)).isTrue();
        assertThat(string(answer, "message")).hasValueSatisfying(message ->
                assertThat(message).contains("do not confirm"));
    }

    @Test
    void validateCodeWithoutASystemFindsTheCodeInTheValueSetsOnlySystem() {
        assertThat(result(OPERATIONS.validateCode(ValueSets.ALCOHOL_USE_DISORDER, null, "F10.20", null))).isTrue();
        assertThat(result(OPERATIONS.validateCode(ValueSets.ALCOHOL_USE_DISORDER, null, "F10.21", null))).isFalse();
    }

    @Test
    void lookupOfALocalCodeGivesNameVersionDisplayDesignationAndProperties() {
        Parameters answer = OPERATIONS.lookup(SITE_SYSTEM, "D1");

        assertThat(string(answer, "name")).contains("SiteCodes");
        assertThat(string(answer, "version")).contains("2025-01");
        assertThat(string(answer, "display")).contains("Low mood");
        Parameters.ParametersParameterComponent property = answer.getParameter().stream()
                .filter(p -> "property".equals(p.getName())).findFirst().orElseThrow();
        assertThat(property.getPart()).extracting(Parameters.ParametersParameterComponent::getName)
                .containsExactly("code", "value");
        assertThat(property.getPart().get(1).getValue().primitiveValue()).isEqualTo("moderate");
        assertThat(answer.getParameter()).extracting(Parameters.ParametersParameterComponent::getName)
                .contains("designation");
    }

    @Test
    void lookupOfACodeMissingFromALocalCodeSystemIsNotFound() {
        assertThatThrownBy(() -> OPERATIONS.lookup(SITE_SYSTEM, "D9"))
                .isInstanceOf(TerminologyException.NotFound.class)
                .hasMessageContaining("'D9' is not in the code system " + SITE_SYSTEM);
    }

    @Test
    void lookupOfABundledCodeInASystemNotHeldIsAnsweredFromTheValueSets() {
        Parameters snomed = OPERATIONS.lookup(CodeSystems.SNOMED_CT, "6471006");
        Parameters loinc = OPERATIONS.lookup(CodeSystems.LOINC, "44260-8");

        assertThat(string(snomed, "name")).contains("SNOMED CT");
        assertThat(string(snomed, "display")).contains("Suicidal thoughts");
        assertThat(string(loinc, "display")).hasValueSatisfying(display ->
                assertThat(display).startsWith("Thoughts that you would be better off dead"));
    }

    @Test
    void lookupInASystemNotHeldAndWithoutARemoteServerIsNotFoundSayingSo() {
        assertThatThrownBy(() -> OPERATIONS.lookup(CodeSystems.SNOMED_CT, "73211009"))
                .isInstanceOf(TerminologyException.NotFound.class)
                .hasMessageContaining("The code system http://snomed.info/sct is not held here")
                .hasMessageContaining("no remote terminology server is configured");
    }

    @Test
    void translateGivesEachMatchWithEquivalenceConceptAndSourceMap() {
        Parameters answer = OPERATIONS.translate(null, SITE_SYSTEM, "D2", null);

        assertThat(result(answer)).isTrue();
        Parameters.ParametersParameterComponent match = answer.getParameter().stream()
                .filter(p -> "match".equals(p.getName())).findFirst().orElseThrow();
        assertThat(match.getPart()).extracting(Parameters.ParametersParameterComponent::getName)
                .containsExactly("equivalence", "concept", "source");
        assertThat(match.getPart().get(0).getValue().primitiveValue()).isEqualTo("equivalent");
        Coding concept = (Coding) match.getPart().get(1).getValue();
        assertThat(concept.getSystem()).isEqualTo(CodeSystems.SNOMED_CT);
        assertThat(concept.getCode()).isEqualTo("21897009");
        assertThat(match.getPart().get(2).getValue().primitiveValue()).isEqualTo(SITE_MAP);
    }

    @Test
    void translateWithoutAMatchIsFalseWithAMessage() {
        Parameters unmapped = OPERATIONS.translate(null, SITE_SYSTEM, "D3", null);
        Parameters otherTarget = OPERATIONS.translate(null, SITE_SYSTEM, "D1", CodeSystems.ICD_10_CM);
        Parameters otherMap = OPERATIONS.translate("https://site.example/fhir/ConceptMap/other", SITE_SYSTEM, "D1",
                null);

        assertThat(result(unmapped)).isFalse();
        assertThat(string(unmapped, "message")).hasValueSatisfying(message -> assertThat(message).contains("D3"));
        assertThat(result(otherTarget)).isFalse();
        assertThat(result(otherMap)).isFalse();
        assertThat(result(OPERATIONS.translate(SITE_MAP, SITE_SYSTEM, "D1", CodeSystems.SNOMED_CT))).isTrue();
    }
}
