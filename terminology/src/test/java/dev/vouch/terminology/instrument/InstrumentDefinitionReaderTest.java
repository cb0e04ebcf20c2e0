package dev.vouch.terminology.instrument;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstrumentDefinitionReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void bandsCoveringTheWholeScaleWithoutGapsAreRead() throws IOException {
        List<InstrumentDefinition> read = read(instrument(0, 10, band(0, 4, "low"), band(5, 10, "high")));

        assertThat(read).singleElement().satisfies(definition -> {
            assertThat(definition.bands()).extracting(InstrumentDefinition.Band::label).containsExactly("low", "high");
            assertThat(definition.answerScores()).containsEntry("LA6571-9", 3);
        });
    }

    @Test
    void aGapBetweenTwoBandsIsRejectedNamingTheBandAfterIt() {
        assertThatThrownBy(() -> read(instrument(0, 10, band(0, 4, "low"), band(6, 10, "high"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test-instrument")
                .hasMessageContaining("without gaps")
                .hasMessageContaining("'high' starts at 6");
    }

    @Test
    void overlappingBandsAreRejected() {
        assertThatThrownBy(() -> read(instrument(0, 10, band(0, 5, "low"), band(5, 10, "high"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'high' starts at 5");
    }

    @Test
    void bandsThatDoNotStartAtTheMinimumAreRejected() {
        assertThatThrownBy(() -> read(instrument(0, 10, band(1, 10, "all"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'all' starts at 1");
    }

    @Test
    void bandsThatStopShortOfTheMaximumAreRejected() {
        assertThatThrownBy(() -> read(instrument(0, 10, band(0, 4, "low"), band(5, 9, "high"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bands end at 9, not at the maximum 10");
    }

    @Test
    void bandsRunningPastTheMaximumAreRejected() {
        assertThatThrownBy(() -> read(instrument(0, 10, band(0, 4, "low"), band(5, 12, "high"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bands end at 12");
    }

    @Test
    void aBandEndingBeforeItStartsIsRejected() {
        assertThatThrownBy(() -> read(instrument(0, 10, band(0, -1, "empty"), band(0, 10, "all"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'empty'");
    }

    @Test
    void anInstrumentNamingAnUnknownAnswerListIsRejected() {
        ObjectNode instrument = instrument("LL-unknown", 0, 10, band(0, 10, "all"));

        assertThatThrownBy(() -> read(instrument))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown answer list LL-unknown");
    }

    @Test
    void aPropertyTheTablesDoNotKnowIsRejected() {
        String json = "{\"answerLists\": {}, \"instruments\": [], \"typo\": 1}";

        assertThatThrownBy(() -> InstrumentDefinitionReader.read(new ByteArrayInputStream(json.getBytes())))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("typo");
    }

    private static InstrumentDefinition.Band band(int min, int max, String label) {
        return new InstrumentDefinition.Band(min, max, label, false);
    }

    private static ObjectNode instrument(int min, int max, InstrumentDefinition.Band... bands) {
        return instrument("LL358-3", min, max, bands);
    }

    /** One instrument of the bundled tables' shape, with the given scale and bands. */
    private static ObjectNode instrument(String answerList, int min, int max, InstrumentDefinition.Band... bands) {
        ObjectNode instrument = JSON.createObjectNode()
                .put("id", "test-instrument").put("name", "TEST").put("title", "A test instrument")
                .put("answerList", answerList)
                .put("min", min).put("max", max).put("positiveAt", max)
                .put("guidance", "guidance").put("source", "source");
        instrument.putArray("panelCodes").add("00000-1");
        instrument.putArray("totalCodes").add("00000-2");
        instrument.putArray("items").addObject().put("number", 1).put("code", "00000-3").put("text", "An item");
        instrument.putArray("unscoredItemCodes");
        instrument.putArray("criticalItems");
        instrument.set("bands", JSON.valueToTree(List.of(bands)));
        return instrument;
    }

    private static List<InstrumentDefinition> read(ObjectNode instrument) throws IOException {
        ObjectNode tables = JSON.createObjectNode();
        ObjectNode frequency = tables.putObject("answerLists").putObject("LL358-3")
                .put("system", "http://loinc.org").put("description", "frequency");
        frequency.putObject("scores").put("LA6568-5", 0).put("LA6569-3", 1).put("LA6570-1", 2).put("LA6571-9", 3);
        tables.putArray("instruments").add(instrument);
        return InstrumentDefinitionReader.read(new ByteArrayInputStream(JSON.writeValueAsBytes(tables)));
    }
}
