package dev.vouch.assessment;

import dev.vouch.terminology.instrument.InstrumentDefinition;

import java.util.List;
import java.util.Optional;

/**
 * All scored completions of one instrument for a patient, newest first, and the change between the two newest
 * that have a score.
 */
public record InstrumentHistory(InstrumentDefinition instrument, List<Score> scores, Optional<Change> change) {

    public InstrumentHistory {
        scores = List.copyOf(scores);
    }

    public Score latest() {
        return scores.getFirst();
    }

    /** The newest score that has a total, before the latest one. */
    public Optional<Score> previousScored() {
        return scores.stream().skip(1).filter(Score::isScored).findFirst();
    }
}
