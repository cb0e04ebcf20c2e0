package dev.vouch.cards;

import dev.vouch.protocol.Coding;
import dev.vouch.terminology.CodeSystems;

/** The override reasons cards offer; codes are stable, analytics count them. */
public final class OverrideReasons {

    public static final Coding ALREADY_ADDRESSED = reason("already-addressed", "Already addressed");
    public static final Coding NOT_RELEVANT = reason("not-relevant", "Not relevant for this patient");
    public static final Coding ASSESSED_TODAY = reason("risk-assessed-today",
            "Suicide risk assessment already completed today");
    public static final Coding IN_CRISIS_CARE = reason("in-crisis-care", "Patient already under crisis or acute care");
    public static final Coding ENTERED_IN_ERROR = reason("entered-in-error", "Response entered in error");
    public static final Coding CONDITION_NOT_CURRENT = reason("condition-not-current",
            "Condition resolved, refuted or recorded in error");

    private OverrideReasons() {
    }

    private static Coding reason(String code, String display) {
        return new Coding(CodeSystems.VOUCH_OVERRIDE_REASON, code, display);
    }
}
