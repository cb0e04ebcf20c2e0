package dev.vouch.terminology.instrument;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads instrument definitions from the bundled JSON tables. */
final class InstrumentDefinitionReader {

    static final String BUNDLED = "/terminology/instruments.json";

    private InstrumentDefinitionReader() {
    }

    record AnswerList(String system, String description, Map<String, Integer> scores, Map<String, String> displays) {
    }

    record Entry(String id, String name, String title, List<String> panelCodes, List<String> totalCodes,
                 String answerList, List<InstrumentDefinition.Item> items, List<String> unscoredItemCodes,
                 int min, int max, List<InstrumentDefinition.Band> bands, int positiveAt,
                 List<InstrumentDefinition.CriticalItem> criticalItems, InstrumentDefinition.ChangeCriteria change,
                 String guidance, String source) {
    }

    record Tables(Map<String, AnswerList> answerLists, List<Entry> instruments) {
    }

    static List<InstrumentDefinition> readBundled() {
        try (InputStream in = InstrumentDefinitionReader.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("Bundled instrument tables missing from the classpath: " + BUNDLED);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read bundled instrument tables " + BUNDLED, e);
        }
    }

    static List<InstrumentDefinition> read(InputStream in) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        Tables tables = mapper.readValue(in, Tables.class);
        return tables.instruments().stream().map(entry -> toDefinition(entry, tables.answerLists())).toList();
    }

    private static InstrumentDefinition toDefinition(Entry entry, Map<String, AnswerList> answerLists) {
        AnswerList answers = answerLists.get(entry.answerList());
        if (answers == null) {
            throw new IllegalStateException("Instrument " + entry.id() + " names unknown answer list " + entry.answerList());
        }
        List<InstrumentDefinition.Band> bands = entry.bands();
        int expected = entry.min();
        for (InstrumentDefinition.Band band : bands) {
            if (band.min() != expected || band.max() < band.min()) {
                throw new IllegalStateException("Instrument " + entry.id() + " bands must cover " + entry.min() + "-"
                        + entry.max() + " without gaps; band '" + band.label() + "' starts at " + band.min());
            }
            expected = band.max() + 1;
        }
        if (expected != entry.max() + 1) {
            throw new IllegalStateException("Instrument " + entry.id() + " bands end at " + (expected - 1)
                    + ", not at the maximum " + entry.max());
        }
        return new InstrumentDefinition(entry.id(), entry.name(), entry.title(),
                java.util.Set.copyOf(entry.panelCodes()), java.util.Set.copyOf(entry.totalCodes()),
                entry.items(), java.util.Set.copyOf(entry.unscoredItemCodes()), answers.scores(),
                answers.displays() == null ? Map.of() : answers.displays(),
                entry.min(), entry.max(), bands, entry.positiveAt(),
                entry.criticalItems() == null ? List.of() : entry.criticalItems(),
                Optional.ofNullable(entry.change()), entry.guidance(), entry.source());
    }
}
