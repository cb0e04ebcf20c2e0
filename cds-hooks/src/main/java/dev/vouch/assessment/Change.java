package dev.vouch.assessment;

import dev.vouch.terminology.instrument.InstrumentDefinition;

import java.util.Optional;

/**
 * The change between the previous and the latest score of an instrument.
 *
 * @param points      latest minus previous
 * @param response    the score fell by at least the instrument's response fraction (PHQ-9: 50%)
 * @param remission   the latest score is below the remission threshold (PHQ-9: 5)
 * @param significant the score moved by at least the clinically significant number of points (PHQ-9: 5)
 */
public record Change(int points, boolean response, boolean remission, boolean significant) {

    public static Change between(InstrumentDefinition instrument, int previous, int latest) {
        int points = latest - previous;
        Optional<InstrumentDefinition.ChangeCriteria> criteria = instrument.change();
        boolean response = criteria.isPresent() && previous > 0
                && (previous - latest) >= Math.ceil(previous * criteria.get().responseDropFraction());
        boolean remission = criteria.isPresent() && latest < criteria.get().remissionBelow();
        boolean significant = criteria.isPresent() && Math.abs(points) >= criteria.get().significantPoints();
        return new Change(points, response, remission, significant);
    }
}
