package dev.vouch.safety;

import dev.vouch.fhir.instrument.InstrumentResponse;
import dev.vouch.terminology.instrument.InstrumentDefinition;

import java.time.Instant;
import java.util.Optional;

/** Something in the record that trips a safety rule, with everything a card needs to cite it. */
public sealed interface SafetyFinding {

    /** The id of the rule tripped; one card per rule. */
    String rule();

    /** When the evidence was recorded, when the record says. */
    Optional<Instant> recordedAt();

    /** A critical item of an instrument (PHQ-9 item 9, ...) answered above its threshold. */
    record CriticalAnswer(String rule, InstrumentDefinition instrument, InstrumentDefinition.CriticalItem criticalItem,
                          InstrumentResponse.AnsweredItem answer, Optional<Instant> recordedAt)
            implements SafetyFinding {
    }

    /**
     * An active Condition coded in a value set the safety floor watches.
     *
     * @param meaning  what membership means, in words ("suicidal ideation")
     * @param valueSet the canonical URL of the value set its code is in
     * @param source   the Condition, as {@code Condition/id}
     */
    record RiskCondition(String rule, String meaning, String valueSet, String source, String system, String code,
                         String display, Optional<Instant> recordedAt) implements SafetyFinding {
    }
}
