package dev.vouch.safety;

import dev.vouch.cards.CardAssembler;
import dev.vouch.cards.CardDraft;
import dev.vouch.cards.CardKind;
import dev.vouch.cards.CardText;
import dev.vouch.cards.OverrideReasons;
import dev.vouch.protocol.Indicator;
import dev.vouch.protocol.Link;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Critical cards for safety findings: one per rule, citing every answer that tripped it, recommending a same-day
 * suicide risk assessment and safety planning, with 988 Suicide &amp; Crisis Lifeline information.
 */
public final class SuicideRiskCards {

    static final Link LIFELINE = Link.absolute("988 Suicide & Crisis Lifeline", "https://988lifeline.org");
    static final Link JOINT_COMMISSION = Link.absolute("Joint Commission NPSG 15.01.01: reduce the risk for suicide",
            "https://www.jointcommission.org/resources/patient-safety-topics/suicide-prevention/");

    private SuicideRiskCards() {
    }

    public static List<CardDraft> cards(List<SafetyFinding> findings) {
        Map<String, List<SafetyFinding>> byRule = new LinkedHashMap<>();
        findings.stream()
                .sorted(Comparator.comparing((SafetyFinding f) -> f.recordedAt().orElse(Instant.MAX)).reversed())
                .forEach(finding -> byRule.computeIfAbsent(finding.rule(), rule -> new java.util.ArrayList<>()).add(finding));
        return byRule.entrySet().stream().map(entry -> card(entry.getKey(), entry.getValue())).toList();
    }

    private static CardDraft card(String rule, List<SafetyFinding> findings) {
        SafetyFinding newest = findings.getFirst();
        String itemName = newest.instrument().name() + " item " + newest.criticalItem().number();
        String summary = "Suicide risk: " + itemName + " answered \"" + newest.answer().answerDisplay() + "\""
                + newest.recordedAt().map(at -> " on " + CardText.date(newest.recordedAt())).orElse("")
                + "; assess today";
        StringBuilder detail = new StringBuilder("**What triggered this card.**\n");
        for (SafetyFinding finding : findings) {
            detail.append("- ").append(CardText.date(finding.recordedAt())).append(": ")
                    .append(finding.instrument().name()).append(" item ").append(finding.criticalItem().number())
                    .append(" (").append(finding.criticalItem().meaning()).append(") answered **")
                    .append(finding.answer().answerDisplay()).append("** (score ").append(finding.answer().score())
                    .append("). Source: `").append(finding.answer().source()).append("`, item `")
                    .append(finding.answer().linkId()).append("`.\n");
        }
        detail.append("""

                **Recommended today.** A same-day suicide risk assessment by a qualified clinician, and collaborative \
                safety planning if risk is confirmed; follow up after the visit (Joint Commission NPSG 15.01.01). \
                Any positive response to this item calls for assessment whatever the total score.

                **Crisis support for the patient.** 988 Suicide & Crisis Lifeline: call or text **988**, or chat at \
                988lifeline.org (US). In immediate danger, call 911.""");
        detail.append(CardText.ruleFooter(rule));
        return new CardDraft(CardKind.SUICIDE_RISK, rule, itemName + " safety rule", Indicator.CRITICAL,
                CardAssembler.fitSummary(summary), detail.toString(), List.of(LIFELINE, JOINT_COMMISSION),
                List.of(OverrideReasons.ASSESSED_TODAY, OverrideReasons.IN_CRISIS_CARE, OverrideReasons.ENTERED_IN_ERROR),
                List.of(), newest.recordedAt());
    }
}
