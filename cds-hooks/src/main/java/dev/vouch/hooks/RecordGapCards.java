package dev.vouch.hooks;

import dev.vouch.cards.CardDraft;
import dev.vouch.cards.CardKind;
import dev.vouch.cards.CardText;
import dev.vouch.cards.OverrideReasons;
import dev.vouch.fhir.record.PatientRecord;
import dev.vouch.fhir.record.RecordGap;
import dev.vouch.protocol.Indicator;

import java.util.List;
import java.util.Optional;

/** Says plainly which parts of the record could not be read, so no card is mistaken for a complete review. */
final class RecordGapCards {

    static final String RULE = "record.incomplete";

    private RecordGapCards() {
    }

    static List<CardDraft> cards(PatientRecord record) {
        if (record.isComplete()) {
            return List.of();
        }
        StringBuilder detail = new StringBuilder(
                "Vouch could not read all of the record for this review, so its cards may miss something:\n\n");
        for (RecordGap gap : record.gaps()) {
            detail.append("- `").append(gap.key()).append("`: ").append(gap.reason()).append("\n");
        }
        detail.append("\nReview the patient's questionnaires and notes directly.").append(CardText.ruleFooter(RULE));
        return List.of(new CardDraft(CardKind.RECORD_INCOMPLETE, RULE, "Record completeness", Indicator.INFO,
                "Part of the record could not be read; this review may be incomplete", detail.toString(),
                List.of(), List.of(OverrideReasons.NOT_RELEVANT), List.of(), Optional.empty()));
    }
}
