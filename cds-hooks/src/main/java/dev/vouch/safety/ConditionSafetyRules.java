package dev.vouch.safety;

import dev.vouch.terminology.TerminologySnapshot;
import dev.vouch.terminology.ValueSets;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The deterministic safety floor over the problem list: a current Condition with any coding in a value set the floor
 * watches (suicidal ideation, suicide attempt). Current means clinical status active, recurrence or relapse (or not
 * stated), and verification status neither refuted nor entered in error. Membership is asked of the call's terminology
 * snapshot, so a code an admin adds to one of these value sets counts from the next call on.
 */
public final class ConditionSafetyRules {

    public static final String SUICIDAL_IDEATION_RULE = "safety.condition-suicidal-ideation";
    public static final String SUICIDE_ATTEMPT_RULE = "safety.condition-suicide-attempt";

    static final String CLINICAL_STATUS = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    static final String VERIFICATION_STATUS = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    private static final Set<String> CURRENT = Set.of("active", "recurrence", "relapse");
    private static final Set<String> WITHDRAWN = Set.of("refuted", "entered-in-error");

    /** A value set the floor watches, the rule a member trips, and what membership means. */
    private record Watched(String rule, String valueSet, String meaning) {
    }

    private static final List<Watched> WATCHED = List.of(
            new Watched(SUICIDAL_IDEATION_RULE, ValueSets.SUICIDAL_IDEATION, "suicidal ideation"),
            new Watched(SUICIDE_ATTEMPT_RULE, ValueSets.SUICIDE_ATTEMPT, "suicide attempt"));

    /** At most one finding per Condition and rule: the first of its codings in the watched value set. */
    public List<SafetyFinding> evaluate(List<Condition> conditions, TerminologySnapshot terminology) {
        List<SafetyFinding> findings = new ArrayList<>();
        for (Condition condition : conditions) {
            if (!isCurrent(condition)) {
                continue;
            }
            for (Watched watched : WATCHED) {
                condition.getCode().getCoding().stream()
                        .filter(coding -> coding.hasSystem() && coding.hasCode()
                                && terminology.memberOf(watched.valueSet(), coding.getSystem(), coding.getCode()))
                        .findFirst()
                        .ifPresent(coding -> findings.add(new SafetyFinding.RiskCondition(watched.rule(),
                                watched.meaning(), watched.valueSet(),
                                "Condition/" + condition.getIdElement().getIdPart(), coding.getSystem(),
                                coding.getCode(), display(condition, coding, terminology), recordedAt(condition))));
            }
        }
        return findings;
    }

    /**
     * Whether a Condition still stands. A clinical status Vouch cannot read counts as active: a safety rule errs
     * towards a card a clinician can dismiss, not towards silence.
     */
    static boolean isCurrent(Condition condition) {
        if (hasCode(condition.getVerificationStatus(), VERIFICATION_STATUS, WITHDRAWN)) {
            return false;
        }
        List<String> clinical = codes(condition.getClinicalStatus(), CLINICAL_STATUS);
        return clinical.isEmpty() || clinical.stream().anyMatch(CURRENT::contains);
    }

    private static boolean hasCode(CodeableConcept concept, String system, Set<String> wanted) {
        return codes(concept, system).stream().anyMatch(wanted::contains);
    }

    /** The codes of a status in its standard code system (or with no system stated). */
    private static List<String> codes(CodeableConcept concept, String system) {
        if (concept == null) {
            return List.of();
        }
        return concept.getCoding().stream()
                .filter(coding -> coding.hasCode() && (!coding.hasSystem() || system.equals(coding.getSystem())))
                .map(Coding::getCode)
                .toList();
    }

    /** The condition in words: its coding's display, else its text, else the code system's display, else the code. */
    private static String display(Condition condition, Coding coding, TerminologySnapshot terminology) {
        if (coding.hasDisplay() && !coding.getDisplay().isBlank()) {
            return coding.getDisplay();
        }
        if (condition.getCode().hasText() && !condition.getCode().getText().isBlank()) {
            return condition.getCode().getText();
        }
        return terminology.lookup(coding.getSystem(), coding.getCode())
                .map(TerminologySnapshot.Concept::display)
                .filter(display -> display != null && !display.isBlank())
                .orElse(coding.getCode());
    }

    private static Optional<Instant> recordedAt(Condition condition) {
        if (condition.hasRecordedDate()) {
            return Optional.of(condition.getRecordedDate()).map(Date::toInstant);
        }
        if (condition.hasOnsetDateTimeType() && condition.getOnsetDateTimeType().getValue() != null) {
            return Optional.of(condition.getOnsetDateTimeType().getValue()).map(Date::toInstant);
        }
        if (condition.hasOnsetPeriod() && condition.getOnsetPeriod().hasStart()) {
            return Optional.of(condition.getOnsetPeriod().getStart()).map(Date::toInstant);
        }
        return Optional.empty();
    }
}
