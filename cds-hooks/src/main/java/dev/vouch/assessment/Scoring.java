package dev.vouch.assessment;

import dev.vouch.fhir.instrument.InstrumentResponse;
import dev.vouch.terminology.instrument.InstrumentDefinition;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Scores a completion from its items as the instrument's published scoring says. When items are missing, the
 * total the source states is used if it has one; otherwise the completion is incomplete and gets no band.
 */
public final class Scoring {

    private Scoring() {
    }

    public static Score score(InstrumentResponse response) {
        InstrumentDefinition instrument = response.instrument();
        List<Integer> missing = instrument.items().stream()
                .map(InstrumentDefinition.Item::number)
                .filter(number -> response.answer(number).isEmpty())
                .toList();
        if (missing.isEmpty()) {
            int total = response.answers().stream().mapToInt(InstrumentResponse.AnsweredItem::score).sum();
            return scored(response, total, Score.Basis.ITEMS, missing);
        }
        OptionalInt stated = response.statedTotal();
        if (stated.isPresent() && stated.getAsInt() >= instrument.min() && stated.getAsInt() <= instrument.max()) {
            return scored(response, stated.getAsInt(), Score.Basis.STATED_TOTAL, missing);
        }
        return new Score(response, OptionalInt.empty(), Optional.empty(), Score.Basis.INCOMPLETE, missing);
    }

    private static Score scored(InstrumentResponse response, int total, Score.Basis basis, List<Integer> missing) {
        return new Score(response, OptionalInt.of(total), response.instrument().bandFor(total), basis, missing);
    }
}
