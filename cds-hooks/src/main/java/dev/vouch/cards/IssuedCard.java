package dev.vouch.cards;

import dev.vouch.protocol.Card;

/** A card as sent, with the kind and rule it is recorded under. */
public record IssuedCard(Card card, String kind, String rule) {
}
