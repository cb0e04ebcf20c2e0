package dev.vouch.safety;

import dev.vouch.cards.CardAssembler;
import dev.vouch.cards.CardDraft;
import dev.vouch.cards.CardKind;
import dev.vouch.cards.CardText;
import dev.vouch.cards.OverrideReasons;
import dev.vouch.protocol.Coding;
import dev.vouch.protocol.Indicator;
import dev.vouch.protocol.Link;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Critical cards for safety findings, whatever their kind (a critical questionnaire answer, an active risk
 * condition): one per rule, citing every finding that tripped it, recommending a same-day suicide risk assessment and
 * safety planning, with 988 Suicide &amp; Crisis Lifeline information.
 */
public final class SuicideRiskCards {

    static final Link LIFELINE = Link.absolute("988 Suicide & Crisis Lifeline", "https://988lifeline.org");
    static final Link JOINT_COMMISSION = Link.absolute("Joint Commission NPSG 15.01.01: reduce the risk for suicide",
            "https://www.jointcommission.org/resources/patient-safety-topics/suicide-prevention/");

    private static final String RECOMMENDED = "\n**Recommended today.** A same-day suicide risk assessment by a "
            + "qualified clinician, and collaborative safety planning if risk is confirmed; follow up after the visit "
            + "(Joint Commission NPSG 15.01.01). ";
    private static final String CRISIS_SUPPORT = "\n\n**Crisis support for the patient.** 988 Suicide & Crisis "
            + "Lifeline: call or text **988**, or chat at 988lifeline.org (US). In immediate danger, call 911.";

    private SuicideRiskCards() {
    }

    public static List<CardDraft> cards(List<SafetyFinding> findings) {
        Map<String, List<SafetyFinding>> byRule = new LinkedHashMap<>();
        findings.stream()
                .sorted(Comparator.comparing((SafetyFinding f) -> f.recordedAt().orElse(Instant.MAX)).reversed())
                .forEach(finding -> byRule.computeIfAbsent(finding.rule(), rule -> new ArrayList<>()).add(finding));
        return byRule.entrySet().stream().map(entry -> card(entry.getKey(), entry.getValue())).toList();
    }

    private static CardDraft card(String rule, List<SafetyFinding> findings) {
        SafetyFinding newest = findings.getFirst();
        String summary = "Suicide risk: " + trigger(newest) + "; assess today";
        StringBuilder detail = new StringBuilder("**What triggered this card.**\n");
        findings.forEach(finding -> detail.append(evidence(finding)));
        detail.append(RECOMMENDED).append(whyAssess(newest)).append(CRISIS_SUPPORT).append(CardText.ruleFooter(rule));
        return new CardDraft(CardKind.SUICIDE_RISK, rule, ruleTitle(newest), Indicator.CRITICAL,
                CardAssembler.fitSummary(summary), detail.toString(), List.of(LIFELINE, JOINT_COMMISSION),
                overrideReasons(newest), List.of(), newest.recordedAt());
    }

    private static String ruleTitle(SafetyFinding finding) {
        return switch (finding) {
            case SafetyFinding.CriticalAnswer answer -> itemName(answer) + " safety rule";
            case SafetyFinding.RiskCondition condition -> "Active " + condition.meaning() + " condition safety rule";
        };
    }

    /** What tripped the rule, for the summary. */
    private static String trigger(SafetyFinding finding) {
        return switch (finding) {
            case SafetyFinding.CriticalAnswer answer -> itemName(answer) + " answered \""
                    + answer.answer().answerDisplay() + "\""
                    + answer.recordedAt().map(at -> " on " + CardText.date(answer.recordedAt())).orElse("");
            case SafetyFinding.RiskCondition condition -> "active condition \"" + condition.display() + "\""
                    + condition.recordedAt().map(at -> " recorded " + CardText.date(condition.recordedAt())).orElse("");
        };
    }

    /** One line of the detail per finding, citing where it was found. */
    private static String evidence(SafetyFinding finding) {
        return switch (finding) {
            case SafetyFinding.CriticalAnswer answer -> "- " + CardText.date(answer.recordedAt()) + ": "
                    + itemName(answer) + " (" + answer.criticalItem().meaning() + ") answered **"
                    + answer.answer().answerDisplay() + "** (score " + answer.answer().score() + "). Source: `"
                    + answer.answer().source() + "`, item `" + answer.answer().linkId() + "`.\n";
            case SafetyFinding.RiskCondition condition -> "- " + CardText.date(condition.recordedAt())
                    + ": active Condition **" + condition.display() + "** (code `" + condition.code() + "` of `"
                    + condition.system() + "`, in the " + condition.meaning() + " value set `"
                    + condition.valueSet() + "`). Source: `" + condition.source() + "`.\n";
        };
    }

    private static String whyAssess(SafetyFinding finding) {
        return switch (finding) {
            case SafetyFinding.CriticalAnswer answer ->
                    "Any positive response to this item calls for assessment whatever the total score.";
            case SafetyFinding.RiskCondition condition -> "An active " + condition.meaning() + " condition calls "
                    + "for assessment whatever the questionnaire scores; if it no longer applies, update the problem "
                    + "list.";
        };
    }

    private static List<Coding> overrideReasons(SafetyFinding finding) {
        return switch (finding) {
            case SafetyFinding.CriticalAnswer answer -> List.of(OverrideReasons.ASSESSED_TODAY,
                    OverrideReasons.IN_CRISIS_CARE, OverrideReasons.ENTERED_IN_ERROR);
            case SafetyFinding.RiskCondition condition -> List.of(OverrideReasons.ASSESSED_TODAY,
                    OverrideReasons.IN_CRISIS_CARE, OverrideReasons.CONDITION_NOT_CURRENT);
        };
    }

    private static String itemName(SafetyFinding.CriticalAnswer answer) {
        return answer.instrument().name() + " item " + answer.criticalItem().number();
    }
}
