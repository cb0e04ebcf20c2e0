package dev.vouch.safety;

import dev.vouch.fhir.instrument.InstrumentResponse;
import dev.vouch.terminology.instrument.InstrumentDefinition;

import java.time.Instant;
import java.util.Optional;

/** One answer that trips a safety rule, with everything a card needs to cite it. */
public record SafetyFinding(String rule, InstrumentDefinition instrument, InstrumentDefinition.CriticalItem criticalItem,
                           InstrumentResponse.AnsweredItem answer, Optional<Instant> recordedAt) {
}
