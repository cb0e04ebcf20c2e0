package dev.vouch.cards;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Small wording helpers shared by the rules that write cards. */
public final class CardText {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private CardText() {
    }

    public static String date(Optional<Instant> instant) {
        return instant.map(DATE::format).orElse("an unknown date");
    }

    /** The line at the foot of every rule card: where it came from, and that no AI wrote it. */
    public static String ruleFooter(String rule) {
        return "\n\n---\n_Rule `" + rule + "` · deterministic, computed from the record by Vouch; not AI-generated._";
    }
}
