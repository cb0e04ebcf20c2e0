package dev.vouch.cards;

/** Stable card kinds, stored with every issued card; analytics and feedback key on them. */
public final class CardKind {

    public static final String INSTRUMENT_SCORE = "instrument-score";
    public static final String SUICIDE_RISK = "suicide-risk";
    public static final String RECORD_INCOMPLETE = "record-incomplete";

    private CardKind() {
    }
}
