package dev.vouch.assessment;

import dev.vouch.cards.CardDraft;
import dev.vouch.cards.CardKind;
import dev.vouch.cards.CardText;
import dev.vouch.cards.OverrideReasons;
import dev.vouch.protocol.Indicator;
import dev.vouch.terminology.instrument.InstrumentDefinition;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One card per instrument: the latest score, its band, its date and the change since the previous score, citing
 * the resource each score came from. Scores in a band that calls for attention are warnings.
 */
public final class InstrumentScoreCards {

    private static final int TREND_ROWS = 6;

    private InstrumentScoreCards() {
    }

    public static List<CardDraft> cards(List<InstrumentHistory> histories) {
        return histories.stream().map(InstrumentScoreCards::card).toList();
    }

    static CardDraft card(InstrumentHistory history) {
        InstrumentDefinition instrument = history.instrument();
        Score latest = history.latest();
        String rule = "instrument-score." + instrument.id();
        boolean attention = latest.band().map(InstrumentDefinition.Band::attention).orElse(false);
        return new CardDraft(CardKind.INSTRUMENT_SCORE, rule, instrument.name() + " score",
                attention ? Indicator.WARNING : Indicator.INFO,
                summary(history), detail(history) + CardText.ruleFooter(rule),
                List.of(), List.of(OverrideReasons.ALREADY_ADDRESSED, OverrideReasons.NOT_RELEVANT), List.of(),
                latest.response().recordedAt());
    }

    static String summary(InstrumentHistory history) {
        Score latest = history.latest();
        String name = history.instrument().name();
        String date = CardText.date(latest.response().recordedAt());
        if (!latest.isScored()) {
            int answered = history.instrument().items().size() - latest.missingItems().size();
            return name + " incomplete on " + date + ": " + answered + " of " + history.instrument().items().size()
                    + " items answered, no score";
        }
        String text = name + " " + latest.total().getAsInt() + " (" + bandLabel(latest) + ") on " + date;
        return text + history.change().map(change -> change.points() == 0 ? ", unchanged"
                : change.points() > 0 ? ", up " + change.points() : ", down " + -change.points())
                .map(words -> words + history.previousScored().map(previous -> " since "
                        + CardText.date(previous.response().recordedAt())).orElse(""))
                .orElse("");
    }

    private static String detail(InstrumentHistory history) {
        InstrumentDefinition instrument = history.instrument();
        Score latest = history.latest();
        StringBuilder detail = new StringBuilder();
        if (latest.isScored()) {
            detail.append("**").append(instrument.name()).append(" ").append(latest.total().getAsInt())
                    .append(" of ").append(instrument.max()).append(": ").append(bandLabel(latest)).append("** (")
                    .append(CardText.date(latest.response().recordedAt())).append(").");
            if (latest.basis() == Score.Basis.STATED_TOTAL) {
                detail.append(" Total as recorded in the source; item-level answers were not available")
                        .append(latest.missingItems().isEmpty() ? "." : " for items "
                                + numbers(latest.missingItems()) + ".");
            }
        } else {
            detail.append("**").append(instrument.name()).append(" incomplete** (")
                    .append(CardText.date(latest.response().recordedAt())).append("): items ")
                    .append(numbers(latest.missingItems()))
                    .append(" have no readable answer, and the published scoring does not allow a total without them.");
        }
        history.change().ifPresent(change -> detail.append("\n\n").append(changeText(instrument, change)));
        if (latest.isPositive()) {
            detail.append("\n\n").append(instrument.guidance());
        }
        detail.append("\n\n| Date | Score | Band | Source |\n|---|---|---|---|\n");
        history.scores().stream().limit(TREND_ROWS).forEach(score -> detail.append("| ")
                .append(CardText.date(score.response().recordedAt())).append(" | ")
                .append(score.isScored() ? String.valueOf(score.total().getAsInt()) : "incomplete").append(" | ")
                .append(score.isScored() ? bandLabel(score) : "-").append(" | `")
                .append(score.response().source()).append("` |\n"));
        detail.append("\nScoring: ").append(instrument.title()).append(" (").append(instrument.source()).append(").");
        return detail.toString();
    }

    private static String changeText(InstrumentDefinition instrument, Change change) {
        StringBuilder text = new StringBuilder("Change since the previous score: ")
                .append(change.points() > 0 ? "+" : "").append(change.points()).append(" points.");
        if (instrument.change().isPresent()) {
            if (change.remission()) {
                text.append(" Below ").append(instrument.change().get().remissionBelow()).append(": remission range.");
            }
            if (change.response()) {
                text.append(" A drop of at least ")
                        .append(Math.round(instrument.change().get().responseDropFraction() * 100))
                        .append("%: treatment response.");
            }
            if (change.significant()) {
                text.append(" A change of ").append(instrument.change().get().significantPoints())
                        .append(" or more points is clinically significant.");
            }
        }
        return text.toString();
    }

    private static String bandLabel(Score score) {
        return score.band().map(InstrumentDefinition.Band::label).orElse("no band");
    }

    private static String numbers(List<Integer> items) {
        return items.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
