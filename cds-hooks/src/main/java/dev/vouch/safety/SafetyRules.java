package dev.vouch.safety;

import dev.vouch.fhir.instrument.InstrumentResponse;
import dev.vouch.terminology.instrument.InstrumentDefinition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The deterministic safety floor over questionnaire answers: any critical item of an instrument (PHQ-9 item 9,
 * ...) answered above its threshold, in the newest completion of that instrument or in any completion within the
 * look-back window. It depends on nothing but the record; no model can remove what it finds.
 */
public final class SafetyRules {

    private final Duration lookback;

    public SafetyRules(Duration lookback) {
        this.lookback = lookback;
    }

    public List<SafetyFinding> evaluate(List<InstrumentResponse> responses, Instant now) {
        Instant windowStart = now.minus(lookback);
        Map<InstrumentDefinition, List<InstrumentResponse>> byInstrument = responses.stream()
                .collect(Collectors.groupingBy(InstrumentResponse::instrument));
        List<SafetyFinding> findings = new ArrayList<>();
        byInstrument.forEach((instrument, completions) -> {
            if (instrument.criticalItems().isEmpty()) {
                return;
            }
            List<InstrumentResponse> newestFirst = completions.stream()
                    .sorted(InstrumentResponse.NEWEST_FIRST)
                    .toList();
            for (int i = 0; i < newestFirst.size(); i++) {
                InstrumentResponse completion = newestFirst.get(i);
                // Undated completions cannot be placed outside the window, so they are always checked.
                boolean inWindow = i == 0 || completion.recordedAt().map(at -> !at.isBefore(windowStart)).orElse(true);
                if (inWindow) {
                    findings.addAll(critical(instrument, completion));
                }
            }
        });
        return findings;
    }

    private static List<SafetyFinding> critical(InstrumentDefinition instrument, InstrumentResponse completion) {
        List<SafetyFinding> found = new ArrayList<>();
        for (InstrumentDefinition.CriticalItem critical : instrument.criticalItems()) {
            completion.answer(critical.number())
                    .filter(answer -> answer.score() > critical.above())
                    .ifPresent(answer -> found.add(new SafetyFinding.CriticalAnswer(critical.rule(), instrument,
                            critical, answer, completion.recordedAt())));
        }
        return found;
    }
}
