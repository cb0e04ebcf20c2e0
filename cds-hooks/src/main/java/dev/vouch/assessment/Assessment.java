package dev.vouch.assessment;

import dev.vouch.fhir.instrument.InstrumentResponse;
import dev.vouch.terminology.instrument.InstrumentDefinition;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Groups a patient's completions by instrument, scores them, and works out the change since the last score. */
public final class Assessment {

    private static final Comparator<Score> NEWEST_FIRST =
            Comparator.comparing(Score::response, InstrumentResponse.NEWEST_FIRST);

    private Assessment() {
    }

    public static List<InstrumentHistory> assess(List<InstrumentResponse> responses) {
        Map<InstrumentDefinition, List<Score>> byInstrument = new LinkedHashMap<>();
        for (InstrumentResponse response : responses) {
            byInstrument.computeIfAbsent(response.instrument(), key -> new java.util.ArrayList<>())
                    .add(Scoring.score(response));
        }
        return byInstrument.entrySet().stream()
                .map(entry -> history(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparing(history -> history.instrument().id()))
                .toList();
    }

    private static InstrumentHistory history(InstrumentDefinition instrument, List<Score> scores) {
        List<Score> ordered = scores.stream().sorted(NEWEST_FIRST).toList();
        Score latest = ordered.getFirst();
        Optional<Change> change = latest.total().isPresent()
                ? ordered.stream().skip(1).filter(Score::isScored).findFirst()
                    .map(previous -> Change.between(instrument, previous.total().getAsInt(), latest.total().getAsInt()))
                : Optional.empty();
        return new InstrumentHistory(instrument, ordered, change);
    }
}
