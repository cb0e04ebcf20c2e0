package dev.vouch.terminology.instrument;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class InstrumentCatalogTest {

    private static final InstrumentCatalog CATALOG = InstrumentCatalog.bundled();

    @ParameterizedTest(name = "{0} names {1}")
    @CsvSource({
            "44249-1, phq-9",
            "44261-6, phq-9",
            "69737-5, gad-7",
            "70274-6, gad-7"})
    void anInstrumentIsFoundByItsPanelCodeAndByItsTotalScoreCode(String code, String instrumentId) {
        assertThat(CATALOG.byInstrumentCode(code)).get()
                .extracting(InstrumentDefinition::id).isEqualTo(instrumentId);
    }

    @Test
    void anItemCodeOrAnUnknownCodeDoesNotNameAWholeInstrument() {
        assertThat(CATALOG.byInstrumentCode("44260-8")).isEmpty();
        assertThat(CATALOG.byInstrumentCode("89206-7")).isEmpty();
        assertThat(CATALOG.byInstrumentCode("44261-8")).isEmpty();
    }

    @ParameterizedTest(name = "{0} is {1} item {2}")
    @CsvSource({
            "44250-9, phq-9, 1",
            "44255-8, phq-9, 2",
            "44259-0, phq-9, 3",
            "44254-1, phq-9, 4",
            "44251-7, phq-9, 5",
            "44258-2, phq-9, 6",
            "44252-5, phq-9, 7",
            "44253-3, phq-9, 8",
            "44260-8, phq-9, 9",
            "69725-0, gad-7, 1",
            "68509-9, gad-7, 2",
            "69733-4, gad-7, 3",
            "69734-2, gad-7, 4",
            "69735-9, gad-7, 5",
            "69689-8, gad-7, 6",
            "69736-7, gad-7, 7"})
    void anItemIsFoundByItsLoincCodeWithItsNumberOnThePublishedForm(String code, String instrumentId, int number) {
        InstrumentCatalog.ItemRef ref = CATALOG.byItemCode(code).orElseThrow();

        assertThat(ref.instrument().id()).isEqualTo(instrumentId);
        assertThat(ref.item().number()).isEqualTo(number);
        assertThat(ref.instrument().item(number)).contains(ref.item());
    }

    @Test
    void phq9HasNineScoredItemsAndGad7HasSeven() {
        assertThat(phq9().items()).extracting(InstrumentDefinition.Item::number)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(gad7().items()).extracting(InstrumentDefinition.Item::number)
                .containsExactly(1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void phq9Item10DifficultyIsAKnownButUnscoredItem() {
        assertThat(CATALOG.isUnscoredItem("69722-7")).isTrue();
        assertThat(CATALOG.byItemCode("69722-7")).isEmpty();
        assertThat(CATALOG.isUnscoredItem("44260-8")).isFalse();
    }

    @ParameterizedTest(name = "{0} scores {1}")
    @CsvSource({
            "LA6568-5, 0",
            "LA6569-3, 1",
            "LA6570-1, 2",
            "LA6571-9, 3",
            "LA18938-3, 2"})
    void answerListLL3583ScoresEachAnswerByItsOrdinalForBothInstruments(String answerCode, int score) {
        assertThat(CATALOG.answerScore(phq9(), answerCode)).isEqualTo(OptionalInt.of(score));
        assertThat(CATALOG.answerScore(gad7(), answerCode)).isEqualTo(OptionalInt.of(score));
    }

    @Test
    void anAnswerOutsideTheAnswerListHasNoScore() {
        assertThat(CATALOG.answerScore(phq9(), "LA6573-5")).isEmpty();
        assertThat(CATALOG.answerScore(phq9(), "LA33-6")).isEmpty();
    }

    @ParameterizedTest(name = "PHQ-9 {0} is {1}")
    @CsvSource({
            "0, minimal",
            "4, minimal",
            "5, mild",
            "9, mild",
            "10, moderate",
            "14, moderate",
            "15, moderately severe",
            "19, moderately severe",
            "20, severe",
            "27, severe"})
    void phq9TotalsFallInTheirPublishedBands(int total, String band) {
        assertThat(phq9().bandFor(total)).get().extracting(InstrumentDefinition.Band::label).isEqualTo(band);
    }

    @ParameterizedTest(name = "GAD-7 {0} is {1}")
    @CsvSource({
            "0, minimal",
            "4, minimal",
            "5, mild",
            "9, mild",
            "10, moderate",
            "14, moderate",
            "15, severe",
            "21, severe"})
    void gad7TotalsFallInTheirPublishedBands(int total, String band) {
        assertThat(gad7().bandFor(total)).get().extracting(InstrumentDefinition.Band::label).isEqualTo(band);
    }

    @Test
    void totalsOutsideTheScaleFallInNoBand() {
        assertThat(phq9().bandFor(-1)).isEmpty();
        assertThat(phq9().bandFor(28)).isEmpty();
        assertThat(gad7().bandFor(22)).isEmpty();
    }

    @Test
    void bothInstrumentsAreScoredZeroToTheirMaximumAndArePositiveFromTen() {
        assertThat(phq9().min()).isZero();
        assertThat(phq9().max()).isEqualTo(27);
        assertThat(gad7().min()).isZero();
        assertThat(gad7().max()).isEqualTo(21);
        assertThat(phq9().positiveAt()).isEqualTo(10);
        assertThat(gad7().positiveAt()).isEqualTo(10);
    }

    @Test
    void onlyModerateAndWorseBandsCallForAttention() {
        assertThat(phq9().bandFor(9)).get().extracting(InstrumentDefinition.Band::attention).isEqualTo(false);
        assertThat(phq9().bandFor(10)).get().extracting(InstrumentDefinition.Band::attention).isEqualTo(true);
        assertThat(gad7().bandFor(9)).get().extracting(InstrumentDefinition.Band::attention).isEqualTo(false);
        assertThat(gad7().bandFor(10)).get().extracting(InstrumentDefinition.Band::attention).isEqualTo(true);
    }

    @Test
    void phq9Item9AboveZeroIsTheCriticalItemAndGad7HasNone() {
        assertThat(phq9().criticalItems()).singleElement().satisfies(critical -> {
            assertThat(critical.number()).isEqualTo(9);
            assertThat(critical.above()).isZero();
        });
        assertThat(gad7().criticalItems()).isEmpty();
    }

    private static InstrumentDefinition phq9() {
        return CATALOG.byId("phq-9").orElseThrow();
    }

    private static InstrumentDefinition gad7() {
        return CATALOG.byId("gad-7").orElseThrow();
    }
}
