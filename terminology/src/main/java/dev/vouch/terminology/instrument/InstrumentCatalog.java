package dev.vouch.terminology.instrument;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The instruments Vouch scores, indexed by every LOINC code that identifies them or their items.
 * Lookups are in memory; the hook path never waits on a database for a code.
 */
public final class InstrumentCatalog {

    private final Map<String, InstrumentDefinition> byId;
    private final Map<String, InstrumentDefinition> byInstrumentCode;
    private final Map<String, ItemRef> byItemCode;
    private final Map<String, InstrumentDefinition> byUnscoredItemCode;

    public InstrumentCatalog(Collection<InstrumentDefinition> instruments) {
        this.byId = instruments.stream()
                .collect(Collectors.toUnmodifiableMap(InstrumentDefinition::id, Function.identity()));
        this.byInstrumentCode = instruments.stream()
                .flatMap(def -> java.util.stream.Stream.concat(def.panelCodes().stream(), def.totalCodes().stream())
                        .map(code -> Map.entry(code, def)))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        this.byItemCode = instruments.stream()
                .flatMap(def -> def.items().stream().map(item -> new ItemRef(def, item)))
                .collect(Collectors.toUnmodifiableMap(ref -> ref.item().code(), Function.identity(),
                        (first, second) -> first));
        this.byUnscoredItemCode = instruments.stream()
                .flatMap(def -> def.unscoredItemCodes().stream().map(code -> Map.entry(code, def)))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The bundled catalog, read from the terminology module's own resources. */
    public static InstrumentCatalog bundled() {
        return new InstrumentCatalog(InstrumentDefinitionReader.readBundled());
    }

    /** An item of an instrument, found by the item's code. */
    public record ItemRef(InstrumentDefinition instrument, InstrumentDefinition.Item item) {
    }

    public List<InstrumentDefinition> all() {
        return byId.values().stream().sorted(java.util.Comparator.comparing(InstrumentDefinition::id)).toList();
    }

    public Optional<InstrumentDefinition> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The instrument a panel or total-score LOINC code stands for. */
    public Optional<InstrumentDefinition> byInstrumentCode(String code) {
        return Optional.ofNullable(byInstrumentCode.get(code));
    }

    /** The scored item a LOINC item code stands for. */
    public Optional<ItemRef> byItemCode(String code) {
        return Optional.ofNullable(byItemCode.get(code));
    }

    /** Whether a code is a known item that does not count towards the score (PHQ-9 item 10). */
    public boolean isUnscoredItem(String code) {
        return byUnscoredItemCode.containsKey(code);
    }

    /** The score of a LOINC answer code for an instrument's answer list, when it has one. */
    public OptionalInt answerScore(InstrumentDefinition instrument, String answerCode) {
        Integer score = instrument.answerScores().get(answerCode);
        return score == null ? OptionalInt.empty() : OptionalInt.of(score);
    }
}
