package dev.vouch.cards;

import dev.vouch.protocol.Card;
import dev.vouch.protocol.Coding;
import dev.vouch.protocol.Source;
import dev.vouch.terminology.CodeSystems;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Turns drafts into cards: a fresh uuid each, the rule as the source topic, ordered critical first and then by
 * how recent their evidence is.
 */
public final class CardAssembler {

    private static final String SOURCE_LABEL = "Vouch mental-health review";

    private static final Comparator<CardDraft> ORDER = Comparator
            .comparing(CardDraft::indicator)
            .thenComparing(draft -> draft.evidenceAt().orElse(Instant.MIN), Comparator.reverseOrder());

    private CardAssembler() {
    }

    public static List<IssuedCard> assemble(List<CardDraft> drafts) {
        return drafts.stream().sorted(ORDER).map(CardAssembler::issue).toList();
    }

    private static IssuedCard issue(CardDraft draft) {
        Card card = new Card(UUID.randomUUID().toString(), draft.summary(), draft.detail(), draft.indicator(),
                new Source(SOURCE_LABEL + " · " + draft.ruleTitle(), null,
                        new Coding(CodeSystems.VOUCH_RULE, draft.rule(), draft.ruleTitle())),
                draft.suggestions(), draft.suggestions().isEmpty() ? null : "at-most-one",
                draft.overrideReasons(), draft.links());
        return new IssuedCard(card, draft.kind(), draft.rule());
    }

    /** Cuts text to fit a summary, on a word boundary where one is near. */
    public static String fitSummary(String text) {
        if (text.length() < Card.MAX_SUMMARY) {
            return text;
        }
        String cut = text.substring(0, Card.MAX_SUMMARY - 2);
        int space = cut.lastIndexOf(' ');
        return (space > Card.MAX_SUMMARY / 2 ? cut.substring(0, space) : cut) + "…";
    }
}
