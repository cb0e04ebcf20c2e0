package dev.vouch.terminology.questionnaire;

import ca.uhn.fhir.context.FhirContext;
import dev.vouch.terminology.CodeSystems;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class QuestionnaireIndexTest {

    private static final String PCO_PHQ9 = "http://hl7.org/fhir/us/pco/Questionnaire/44249-1";
    private static final String PCO_GAD7 = "http://hl7.org/fhir/us/pco/Questionnaire/69737-5";
    private static final String US_CORE_PHQ9 = "http://hl7.org/fhir/us/core/Questionnaire/phq-9-example";

    private static final QuestionnaireIndex BUNDLED = QuestionnaireIndex.bundled(FhirContext.forR4Cached());

    @ParameterizedTest(name = "PCO PHQ-9 linkId {0} is {1}")
    @CsvSource({
            "14363, 44250-9",
            "14367, 44251-7",
            "14371, 44260-8",
            "57492, 69722-7"})
    void thePcoPhq9FormsNumericLinkIdsResolveToLoincItemCodes(String linkId, String loinc) {
        assertThat(BUNDLED.form(PCO_PHQ9).flatMap(form -> form.item(linkId)).flatMap(QuestionnaireIndex.FormItem::loincCode))
                .contains(loinc);
    }

    @ParameterizedTest(name = "PCO GAD-7 linkId {0} is {1}")
    @CsvSource({
            "57541, 69725-0",
            "57542, 68509-9",
            "57547, 69736-7"})
    void thePcoGad7FormsNumericLinkIdsResolveToLoincItemCodes(String linkId, String loinc) {
        assertThat(BUNDLED.form(PCO_GAD7).flatMap(form -> form.item(linkId)).flatMap(QuestionnaireIndex.FormItem::loincCode))
                .contains(loinc);
    }

    @Test
    void aFormItemWithoutALoincCodeIsKnownButHasNoCode() {
        QuestionnaireIndex.FormItem total = BUNDLED.form(PCO_PHQ9).orElseThrow().item("14372").orElseThrow();

        assertThat(total.loincCode()).isEmpty();
    }

    @ParameterizedTest(name = "US Core /44260-8 answer {0} is ordinal {1}")
    @CsvSource({
            "LA6568-5, 0",
            "LA6569-3, 1",
            "LA6570-1, 2",
            "LA6571-9, 3"})
    void theUsCoreFormsAnswersTakeTheirOrdinalsFromItsOrdinalValueExtensions(String answerCode, int ordinal) {
        QuestionnaireIndex.FormItem item9 = BUNDLED.form(US_CORE_PHQ9).orElseThrow().item("/44260-8").orElseThrow();

        assertThat(item9.loincCode()).contains("44260-8");
        assertThat(item9.ordinalOf(answerCode)).isEqualTo(OptionalInt.of(ordinal));
    }

    @Test
    void answersWithoutAnOrdinalExtensionHaveNoOrdinalInTheIndex() {
        QuestionnaireIndex.Form usCore = BUNDLED.form(US_CORE_PHQ9).orElseThrow();
        QuestionnaireIndex.Form pco = BUNDLED.form(PCO_PHQ9).orElseThrow();

        assertThat(usCore.item("/69722-7").orElseThrow().answerOrdinals()).isEmpty();
        assertThat(pco.item("14371").orElseThrow().ordinalOf("LA6570-1")).isEmpty();
    }

    @Test
    void aVersionedCanonicalFallsBackToTheUnversionedForm() {
        QuestionnaireIndex.Form unversioned = BUNDLED.form(PCO_PHQ9).orElseThrow();

        assertThat(BUNDLED.form(PCO_PHQ9 + "|1.0")).containsSame(unversioned);
        assertThat(BUNDLED.form(US_CORE_PHQ9 + "|7.0.0")).get()
                .extracting(QuestionnaireIndex.Form::url).isEqualTo(US_CORE_PHQ9);
    }

    @Test
    void anUnknownOrBlankCanonicalFindsNoForm() {
        assertThat(BUNDLED.form("http://example.org/Questionnaire/unknown")).isEmpty();
        assertThat(BUNDLED.form("http://example.org/Questionnaire/unknown|1.0")).isEmpty();
        assertThat(BUNDLED.form("")).isEmpty();
        assertThat(BUNDLED.form(null)).isEmpty();
    }

    @Test
    void aFormWithAVersionIsFoundByItsVersionedAndItsPlainCanonical() {
        QuestionnaireIndex index = QuestionnaireIndex.of(List.of(
                form("urn:test:form", "2.0", item("q1", "44260-8"))));

        assertThat(index.form("urn:test:form|2.0")).isPresent();
        assertThat(index.form("urn:test:form")).isPresent();
        assertThat(index.form("urn:test:form|3.0")).isPresent();
    }

    @Test
    void aFormWithoutAUrlIsNotIndexed() {
        Questionnaire anonymous = form(null, null, item("q1", "44260-8"));

        assertThat(QuestionnaireIndex.of(List.of(anonymous)).form("q1")).isEmpty();
    }

    @Test
    void itemsNestedInGroupsAreIndexedByTheirOwnLinkId() {
        Questionnaire.QuestionnaireItemComponent group = item("group", null);
        group.addItem(item("inner", "44260-8"));

        QuestionnaireIndex index = QuestionnaireIndex.of(List.of(form("urn:test:nested", null, group)));

        assertThat(index.form("urn:test:nested").flatMap(form -> form.item("inner")))
                .flatMap(QuestionnaireIndex.FormItem::loincCode).contains("44260-8");
    }

    @Test
    void addedFormsWinOverBundledFormsWithTheSameUrl() {
        QuestionnaireIndex extended = BUNDLED.with(List.of(form(PCO_PHQ9, null, item("14371", "44255-8"))));

        assertThat(extended.form(PCO_PHQ9).flatMap(form -> form.item("14371")))
                .flatMap(QuestionnaireIndex.FormItem::loincCode).contains("44255-8");
        assertThat(extended.form(PCO_GAD7)).isPresent();
        assertThat(BUNDLED.form(PCO_PHQ9).flatMap(form -> form.item("14371")))
                .flatMap(QuestionnaireIndex.FormItem::loincCode).contains("44260-8");
    }

    @Test
    void aNonLoincItemCodeIsNotTakenForALoincCode() {
        Questionnaire.QuestionnaireItemComponent local = item("q1", null);
        local.addCode(new Coding("urn:local", "44260-8", null));

        QuestionnaireIndex index = QuestionnaireIndex.of(List.of(form("urn:test:local", null, local)));

        assertThat(index.form("urn:test:local").flatMap(form -> form.item("q1")).orElseThrow().loincCode()).isEmpty();
    }

    @Test
    void anOrdinalOnTheAnswerOptionItselfOrAsItemWeightCounts() {
        Questionnaire.QuestionnaireItemComponent item = item("q1", "44260-8");
        item.addAnswerOption().setValue(new Coding("urn:local", "a", null))
                .addExtension(CodeSystems.ORDINAL_VALUE_EXTENSION, new DecimalType(2));
        Coding weighted = new Coding("urn:local", "b", null);
        weighted.addExtension(CodeSystems.ITEM_WEIGHT_EXTENSION, new IntegerType(3));
        item.addAnswerOption().setValue(weighted);

        QuestionnaireIndex.FormItem indexed = QuestionnaireIndex.of(List.of(form("urn:test:weights", null, item)))
                .form("urn:test:weights").orElseThrow().item("q1").orElseThrow();

        assertThat(indexed.ordinalOf("a")).isEqualTo(OptionalInt.of(2));
        assertThat(indexed.ordinalOf("b")).isEqualTo(OptionalInt.of(3));
    }

    @Test
    void ordinalOfReadsWholeNumbersOnlyFromTheOrdinalExtensions() {
        assertThat(QuestionnaireIndex.ordinalOf(List.of(ordinal(new DecimalType(2))))).contains(2);
        assertThat(QuestionnaireIndex.ordinalOf(List.of(ordinal(new DecimalType(new BigDecimal("2.0")))))).contains(2);
        assertThat(QuestionnaireIndex.ordinalOf(List.of(ordinal(new IntegerType(1))))).contains(1);
        assertThat(QuestionnaireIndex.ordinalOf(List.of(ordinal(new DecimalType(new BigDecimal("2.5")))))).isEmpty();
        assertThat(QuestionnaireIndex.ordinalOf(List.of(ordinal(new StringType("2"))))).isEmpty();
        assertThat(QuestionnaireIndex.ordinalOf(List.of(
                new Extension("http://hl7.org/fhir/StructureDefinition/questionnaire-optionPrefix", new StringType("2")),
                new Extension("urn:other", new IntegerType(2))))).isEmpty();
    }

    private static Extension ordinal(org.hl7.fhir.r4.model.Type value) {
        return new Extension(CodeSystems.ORDINAL_VALUE_EXTENSION, value);
    }

    private static Questionnaire form(String url, String version, Questionnaire.QuestionnaireItemComponent... items) {
        Questionnaire form = new Questionnaire();
        form.setUrl(url);
        form.setVersion(version);
        List.of(items).forEach(form::addItem);
        return form;
    }

    private static Questionnaire.QuestionnaireItemComponent item(String linkId, String loinc) {
        Questionnaire.QuestionnaireItemComponent item = new Questionnaire.QuestionnaireItemComponent();
        item.setLinkId(linkId);
        if (loinc != null) {
            item.addCode(new Coding(CodeSystems.LOINC, loinc, null));
        }
        return item;
    }
}
