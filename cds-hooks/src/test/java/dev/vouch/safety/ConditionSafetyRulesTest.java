package dev.vouch.safety;

import ca.uhn.fhir.context.FhirContext;
import dev.vouch.terminology.CodeSystems;
import dev.vouch.terminology.TerminologySnapshot;
import dev.vouch.terminology.ValueSets;
import dev.vouch.terminology.instrument.InstrumentCatalog;
import dev.vouch.terminology.questionnaire.QuestionnaireIndex;
import dev.vouch.testing.Records;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConditionSafetyRulesTest {

    private static final Instant RECORDED = Instant.parse("2025-05-01T09:00:00Z");
    private static final String CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    private static final String VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    private static final String HOSPITAL_CODES = "http://hospital.example/codes";

    private static final InstrumentCatalog CATALOG = InstrumentCatalog.bundled();
    private static final QuestionnaireIndex FORMS = QuestionnaireIndex.bundled(FhirContext.forR4Cached());

    private final ConditionSafetyRules rules = new ConditionSafetyRules();
    private final TerminologySnapshot bundled = snapshot(suicidalIdeation(), suicideAttempt());

    @Test
    void anActiveSuicidalIdeationConditionIsAFindingCitingTheConditionAndItsCode() {
        Condition condition = suicidalIdeationCondition();

        List<SafetyFinding> findings = rules.evaluate(List.of(condition), bundled);

        assertThat(findings).singleElement().isInstanceOfSatisfying(SafetyFinding.RiskCondition.class, finding -> {
            assertThat(finding.rule()).isEqualTo("safety.condition-suicidal-ideation");
            assertThat(finding.source()).isEqualTo("Condition/si");
            assertThat(finding.system()).isEqualTo(CodeSystems.SNOMED_CT);
            assertThat(finding.code()).isEqualTo("6471006");
            assertThat(finding.display()).isEqualTo("Suicidal ideation");
            assertThat(finding.valueSet()).isEqualTo(ValueSets.SUICIDAL_IDEATION);
            assertThat(finding.recordedAt()).contains(RECORDED);
        });
    }

    @Test
    void anIcd10SuicideAttemptConditionTripsTheSuicideAttemptRule() {
        Condition attempt = Records.activeCondition("attempt", "p1", RECORDED, CodeSystems.ICD_10_CM, "T14.91XA",
                "Suicide attempt, initial encounter");

        assertThat(rules.evaluate(List.of(attempt), bundled)).extracting(SafetyFinding::rule)
                .containsExactly("safety.condition-suicide-attempt");
    }

    @Test
    void aConditionWithNoClinicalStatusOrInRecurrenceOrRelapseStillCounts() {
        Condition unstated = suicidalIdeationCondition();
        unstated.setClinicalStatus(null);
        Condition recurrence = suicidalIdeationCondition().setClinicalStatus(clinical("recurrence"));
        Condition relapse = suicidalIdeationCondition().setClinicalStatus(clinical("relapse"));

        assertThat(rules.evaluate(List.of(unstated), bundled)).hasSize(1);
        assertThat(rules.evaluate(List.of(recurrence), bundled)).hasSize(1);
        assertThat(rules.evaluate(List.of(relapse), bundled)).hasSize(1);
    }

    @Test
    void aResolvedOrInactiveOrRemittedConditionIsNoFinding() {
        for (String status : List.of("resolved", "inactive", "remission")) {
            Condition ended = suicidalIdeationCondition().setClinicalStatus(clinical(status));

            assertThat(rules.evaluate(List.of(ended), bundled)).as("clinical status %s", status).isEmpty();
        }
    }

    @Test
    void aRefutedConditionIsNoFinding() {
        Condition refuted = suicidalIdeationCondition().setVerificationStatus(verification("refuted"));

        assertThat(rules.evaluate(List.of(refuted), bundled)).isEmpty();
    }

    @Test
    void aConditionEnteredInErrorIsNoFinding() {
        Condition withdrawn = suicidalIdeationCondition().setVerificationStatus(verification("entered-in-error"));
        withdrawn.setClinicalStatus(null);

        assertThat(rules.evaluate(List.of(withdrawn), bundled)).isEmpty();
    }

    @Test
    void aConditionOutsideTheWatchedValueSetsIsNoFinding() {
        Condition depression = Records.activeCondition("mdd", "p1", RECORDED, CodeSystems.SNOMED_CT, "370143000",
                "Major depressive disorder");

        assertThat(rules.evaluate(List.of(depression), bundled)).isEmpty();
    }

    @Test
    void aLocalCodeAddedToTheValueSetCountsFromTheNextSnapshotOn() {
        Condition local = Records.activeCondition("local-si", "p1", RECORDED, HOSPITAL_CODES, "SI-LOCAL-7", null);
        ValueSet withLocalCode = suicidalIdeation();
        withLocalCode.getCompose().addInclude().setSystem(HOSPITAL_CODES).addConcept().setCode("SI-LOCAL-7")
                .setDisplay("Suicidal thoughts (hospital code)");

        List<SafetyFinding> before = rules.evaluate(List.of(local), bundled);
        List<SafetyFinding> after = rules.evaluate(List.of(local), snapshot(withLocalCode, suicideAttempt()));

        assertThat(before).isEmpty();
        assertThat(after).singleElement().isInstanceOfSatisfying(SafetyFinding.RiskCondition.class, finding -> {
            assertThat(finding.rule()).isEqualTo("safety.condition-suicidal-ideation");
            assertThat(finding.code()).isEqualTo("SI-LOCAL-7");
            assertThat(finding.source()).isEqualTo("Condition/local-si");
        });
    }

    @Test
    void aCodingWithoutDisplayIsNamedByTheConditionsText() {
        Condition condition = suicidalIdeationCondition();
        condition.getCode().getCodingFirstRep().setDisplay(null);
        condition.getCode().setText("Passive death wish");

        assertThat(rules.evaluate(List.of(condition), bundled)).singleElement()
                .isInstanceOfSatisfying(SafetyFinding.RiskCondition.class,
                        finding -> assertThat(finding.display()).isEqualTo("Passive death wish"));
    }

    @Test
    void oneConditionCodedBothWaysIsOneFindingPerRule() {
        Condition condition = suicidalIdeationCondition();
        condition.getCode().addCoding(new Coding(CodeSystems.ICD_10_CM, "R45.851", "Suicidal ideations"));

        assertThat(rules.evaluate(List.of(condition), bundled)).hasSize(1);
    }

    private static Condition suicidalIdeationCondition() {
        return Records.activeCondition("si", "p1", RECORDED, CodeSystems.SNOMED_CT, "6471006", "Suicidal ideation");
    }

    private static CodeableConcept clinical(String code) {
        return new CodeableConcept(new Coding(CLINICAL, code, null));
    }

    private static CodeableConcept verification(String code) {
        return new CodeableConcept(new Coding(VERIFICATION, code, null));
    }

    static TerminologySnapshot snapshot(Resource... configured) {
        return TerminologySnapshot.of(1, CATALOG, FORMS, List.of(configured));
    }

    /** The suicidal-ideation value set as the clinical-content table codes it. */
    static ValueSet suicidalIdeation() {
        return valueSet(ValueSets.SUICIDAL_IDEATION, "6471006", "R45.851");
    }

    static ValueSet suicideAttempt() {
        return valueSet(ValueSets.SUICIDE_ATTEMPT, "82313006", "T14.91XA");
    }

    private static ValueSet valueSet(String url, String snomed, String icd10) {
        ValueSet valueSet = new ValueSet().setUrl(url).setStatus(Enumerations.PublicationStatus.ACTIVE);
        valueSet.getCompose().addInclude().setSystem(CodeSystems.SNOMED_CT).addConcept().setCode(snomed);
        valueSet.getCompose().addInclude().setSystem(CodeSystems.ICD_10_CM).addConcept().setCode(icd10);
        return valueSet;
    }
}
