package dev.vouch.assessment;

import dev.vouch.fhir.instrument.InstrumentResponse;
import dev.vouch.terminology.instrument.InstrumentDefinition;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The scored result of one completion.
 *
 * @param total        the total score, empty when the completion is incomplete and carries no stated total
 * @param band         the severity band of the total
 * @param basis        how the total was reached
 * @param missingItems scored items with no readable answer
 */
public record Score(InstrumentResponse response, OptionalInt total, Optional<InstrumentDefinition.Band> band,
                    Basis basis, List<Integer> missingItems) {

    public Score {
        missingItems = List.copyOf(missingItems);
    }

    /** How a total was reached. */
    public enum Basis {
        /** Every scored item was answered and summed. */
        ITEMS,
        /** The source records the total itself (a total-score Observation); items were not all available. */
        STATED_TOTAL,
        /** Items are missing and there is no stated total: no score, no band. */
        INCOMPLETE
    }

    public InstrumentDefinition instrument() {
        return response.instrument();
    }

    public boolean isScored() {
        return total.isPresent();
    }

    public boolean isPositive() {
        return total.isPresent() && total.getAsInt() >= instrument().positiveAt();
    }
}
