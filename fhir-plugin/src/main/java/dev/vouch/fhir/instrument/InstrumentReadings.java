package dev.vouch.fhir.instrument;

import java.util.List;

/** What the instrument reader made of a record. */
public record InstrumentReadings(List<InstrumentResponse> responses, List<UnreadableForm> unreadableForms) {

    public InstrumentReadings {
        responses = List.copyOf(responses);
        unreadableForms = List.copyOf(unreadableForms);
    }
}
