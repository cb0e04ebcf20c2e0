package dev.vouch.cards;

import dev.vouch.protocol.Coding;
import dev.vouch.protocol.Indicator;
import dev.vouch.protocol.Link;
import dev.vouch.protocol.Suggestion;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A card as a rule raises it, before it is given an identity and issued.
 *
 * @param kind       a stable {@link CardKind}
 * @param rule       the id of the rule that raised it (its provenance)
 * @param ruleTitle  the rule in words, for the card's source
 * @param evidenceAt when the evidence behind it was recorded, for ordering by recency
 */
public record CardDraft(
        String kind,
        String rule,
        String ruleTitle,
        Indicator indicator,
        String summary,
        String detail,
        List<Link> links,
        List<Coding> overrideReasons,
        List<Suggestion> suggestions,
        Optional<Instant> evidenceAt) {

    public CardDraft {
        links = List.copyOf(links);
        overrideReasons = List.copyOf(overrideReasons);
        suggestions = List.copyOf(suggestions);
    }
}
