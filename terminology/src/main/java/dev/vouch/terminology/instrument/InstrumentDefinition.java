package dev.vouch.terminology.instrument;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A validated instrument described as data: its codes, items, answer scores, bands and critical items.
 */
public record InstrumentDefinition(
        String id,
        String name,
        String title,
        Set<String> panelCodes,
        Set<String> totalCodes,
        List<Item> items,
        Set<String> unscoredItemCodes,
        Map<String, Integer> answerScores,
        Map<String, String> answerDisplays,
        int min,
        int max,
        List<Band> bands,
        int positiveAt,
        List<CriticalItem> criticalItems,
        Optional<ChangeCriteria> change,
        String guidance,
        String source) {

    public InstrumentDefinition {
        panelCodes = Set.copyOf(panelCodes);
        totalCodes = Set.copyOf(totalCodes);
        items = List.copyOf(items);
        unscoredItemCodes = Set.copyOf(unscoredItemCodes);
        answerScores = Map.copyOf(answerScores);
        answerDisplays = Map.copyOf(answerDisplays);
        bands = List.copyOf(bands);
        criticalItems = List.copyOf(criticalItems);
    }

    /** One scored question, numbered as on the published form. */
    public record Item(int number, String code, String text) {
    }

    /** A severity band over the total score, inclusive at both ends. */
    public record Band(int min, int max, String label, boolean attention) {
        public boolean contains(int score) {
            return score >= min && score <= max;
        }
    }

    /** An item whose answer above a threshold raises a safety card on its own. */
    public record CriticalItem(int number, int above, String rule, String meaning) {
    }

    /** Thresholds for change between two scores (PHQ-9: response, remission, significant change). */
    public record ChangeCriteria(double responseDropFraction, int remissionBelow, int significantPoints) {
    }

    public Optional<Band> bandFor(int score) {
        return bands.stream().filter(band -> band.contains(score)).findFirst();
    }

    public Optional<Item> item(int number) {
        return items.stream().filter(item -> item.number() == number).findFirst();
    }

    public Optional<Item> itemByCode(String code) {
        return items.stream().filter(item -> item.code().equals(code)).findFirst();
    }

    /** Whether a code names this instrument as a whole, by its panel or total-score code. */
    public boolean isNamedBy(String code) {
        return panelCodes.contains(code) || totalCodes.contains(code);
    }
}
