package dev.vouch.fhir.instrument;

import dev.vouch.terminology.instrument.InstrumentDefinition;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One completion of an instrument, read from a QuestionnaireResponse or from Observations, as plain data.
 *
 * @param answers         the scored items that were answered with a readable value
 * @param unreadableItems item numbers present in the source whose answer could not be read as a score
 * @param statedTotal     the total the source itself records (a total-score item or Observation)
 * @param source          the resource it came from, as {@code Type/id}
 */
public record InstrumentResponse(
        InstrumentDefinition instrument,
        Optional<Instant> recordedAt,
        List<AnsweredItem> answers,
        Set<Integer> unreadableItems,
        OptionalInt statedTotal,
        String source) {

    /** Newest first; undated completions last. */
    public static final java.util.Comparator<InstrumentResponse> NEWEST_FIRST = java.util.Comparator.comparing(
            (InstrumentResponse response) -> response.recordedAt().orElse(Instant.MIN)).reversed();

    public InstrumentResponse {
        answers = List.copyOf(answers);
        unreadableItems = Set.copyOf(unreadableItems);
    }

    /** A scored item's answer, with where it was found so a card can cite it. */
    public record AnsweredItem(int number, int score, String linkId, String answerDisplay, String source) {
    }

    public Optional<AnsweredItem> answer(int itemNumber) {
        return answers.stream().filter(answer -> answer.number() == itemNumber).findFirst();
    }

    public boolean hasItems() {
        return !answers.isEmpty();
    }
}
