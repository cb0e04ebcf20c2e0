package dev.vouch.fhir.instrument;

/**
 * A questionnaire response Vouch could not match to an instrument: reported, never guessed at.
 */
public record UnreadableForm(String source, String questionnaire, String reason) {
}
