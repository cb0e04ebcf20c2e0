package dev.vouch.fhir.instrument;

import ca.uhn.fhir.context.FhirContext;
import dev.vouch.fhir.record.PatientRecord;
import dev.vouch.terminology.CodeSystems;
import dev.vouch.terminology.TerminologySnapshot;
import dev.vouch.terminology.instrument.InstrumentCatalog;
import dev.vouch.terminology.questionnaire.QuestionnaireIndex;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;

import static dev.vouch.fhir.instrument.ObservationBuilder.observation;
import static dev.vouch.fhir.instrument.ResponseBuilder.LOINC;
import static dev.vouch.fhir.instrument.ResponseBuilder.answered;
import static dev.vouch.fhir.instrument.ResponseBuilder.frequencies;
import static dev.vouch.fhir.instrument.ResponseBuilder.frequency;
import static dev.vouch.fhir.instrument.ResponseBuilder.group;
import static dev.vouch.fhir.instrument.ResponseBuilder.response;
import static org.assertj.core.api.Assertions.assertThat;

class InstrumentResponseReaderTest {

    private static final String US_CORE_RESPONSE = "us-core-QuestionnaireResponse-phq-9-example.json";
    private static final String US_CORE_PANEL = "us-core-Observation-PHQ9-panel-example-44249-1.json";
    private static final String US_CORE_ITEM9 = "us-core-Observation-PHQ9-item-example-44260-8.json";
    private static final String US_CORE_TOTAL = "us-core-Observation-PHQ9-item-example-44261-6.json";
    private static final Instant US_CORE_COMPLETED = Instant.parse("2022-11-29T20:50:32.718Z");

    private static final String PCO_PHQ9 = "http://hl7.org/fhir/us/pco/Questionnaire/44249-1";
    private static final String PCO_GAD7 = "http://hl7.org/fhir/us/pco/Questionnaire/69737-5";
    /** The PCO PHQ-9 form's linkIds for items 1-9, in order. */
    private static final List<String> PCO_PHQ9_ITEMS =
            List.of("14363", "14364", "14365", "14366", "14367", "14368", "14369", "14370", "14371");
    /** The PCO GAD-7 form's linkIds for items 1-7, in order. */
    private static final List<String> PCO_GAD7_ITEMS =
            List.of("57541", "57542", "57543", "57544", "57545", "57546", "57547");

    /** The answers of the US Core PHQ-9 example, by item code, as its QuestionnaireResponse records them. */
    private static final Map<String, String> US_CORE_ANSWERS = Map.of(
            "44250-9", "LA6570-1", "44255-8", "LA6570-1", "44259-0", "LA6570-1", "44254-1", "LA6570-1",
            "44251-7", "LA6569-3", "44258-2", "LA6569-3", "44252-5", "LA6570-1", "44253-3", "LA6568-5");

    /** The bundled terminology only: the instruments and the published forms, no site configuration. */
    private static final TerminologySnapshot BUNDLED = TerminologySnapshot.of(1, InstrumentCatalog.bundled(),
            QuestionnaireIndex.bundled(FhirContext.forR4Cached()), List.of());

    private final InstrumentResponseReader reader = new InstrumentResponseReader();

    // --- the published US Core example ------------------------------------------------------------------

    @Test
    void theUsCorePhq9ResponseReadsAsPhq9WithNineItemsSummingToItsStatedTotal() {
        InstrumentReadings readings = read(List.of(usCoreResponse()), List.of());

        InstrumentResponse phq9 = only(readings);
        assertThat(phq9.instrument().id()).isEqualTo("phq-9");
        assertThat(phq9.source()).isEqualTo("QuestionnaireResponse/phq-9-example");
        assertThat(phq9.recordedAt()).contains(US_CORE_COMPLETED);
        assertThat(phq9.answers()).extracting(InstrumentResponse.AnsweredItem::number)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(phq9.answers()).extracting(InstrumentResponse.AnsweredItem::score)
                .containsExactly(2, 2, 2, 2, 1, 1, 2, 0, 0);
        assertThat(sum(phq9)).isEqualTo(12);
        assertThat(phq9.statedTotal()).isEqualTo(OptionalInt.of(12));
        assertThat(phq9.unreadableItems()).isEmpty();
        assertThat(readings.unreadableForms()).isEmpty();
    }

    @Test
    void theUsCoreResponsesItem9IsReadWithItsScoreAndWhereItWasFound() {
        InstrumentResponse.AnsweredItem item9 = only(read(List.of(usCoreResponse()), List.of())).answer(9).orElseThrow();

        assertThat(item9.score()).isZero();
        assertThat(item9.linkId()).isEqualTo("/44260-8");
        assertThat(item9.answerDisplay()).isEqualTo("Not at all");
        assertThat(item9.source()).isEqualTo("QuestionnaireResponse/phq-9-example");
    }

    @Test
    void theUsCorePanelObservationReadsItsStatedTotalFromTheTotalMemberWrittenAsText() {
        InstrumentReadings readings = read(List.of(), List.of(
                PublishedFixtures.read(US_CORE_PANEL, Observation.class),
                PublishedFixtures.read(US_CORE_ITEM9, Observation.class),
                PublishedFixtures.read(US_CORE_TOTAL, Observation.class)));

        InstrumentResponse phq9 = only(readings);
        assertThat(phq9.instrument().id()).isEqualTo("phq-9");
        assertThat(phq9.source()).isEqualTo("Observation/PHQ9-panel-example-44249-1");
        assertThat(phq9.recordedAt()).contains(US_CORE_COMPLETED);
        assertThat(phq9.statedTotal()).isEqualTo(OptionalInt.of(12));
        assertThat(phq9.answers()).singleElement().satisfies(item9 -> {
            assertThat(item9.number()).isEqualTo(9);
            assertThat(item9.score()).isZero();
            assertThat(item9.source()).isEqualTo("Observation/PHQ9-item-example-44260-8");
        });
    }

    @Test
    void theUsCorePanelWithAllItsMembersScoresEveryItemAndIgnoresTheDifficultyItem() {
        List<Observation> observations = new ArrayList<>(List.of(
                PublishedFixtures.read(US_CORE_PANEL, Observation.class),
                PublishedFixtures.read(US_CORE_ITEM9, Observation.class),
                PublishedFixtures.read(US_CORE_TOTAL, Observation.class)));
        US_CORE_ANSWERS.forEach((code, answer) -> observations.add(usCoreMember(code, answer)));
        observations.add(usCoreMember("69722-7", "LA6573-5"));

        InstrumentResponse phq9 = only(read(List.of(), observations));

        assertThat(phq9.answers()).extracting(InstrumentResponse.AnsweredItem::number)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(sum(phq9)).isEqualTo(12);
        assertThat(phq9.statedTotal()).isEqualTo(OptionalInt.of(12));
        assertThat(phq9.unreadableItems()).isEmpty();
    }

    @Test
    void theSameCompletionSentAsResponseAndAsPanelObservationsCountsOnce() {
        InstrumentReadings readings = read(List.of(usCoreResponse()), List.of(
                PublishedFixtures.read(US_CORE_PANEL, Observation.class),
                PublishedFixtures.read(US_CORE_ITEM9, Observation.class),
                PublishedFixtures.read(US_CORE_TOTAL, Observation.class)));

        InstrumentResponse phq9 = only(readings);
        assertThat(phq9.source()).isEqualTo("QuestionnaireResponse/phq-9-example");
        assertThat(phq9.answers()).hasSize(9);
    }

    @Test
    void aPanelDerivedFromTheResponseCountsOnceEvenWhenRecordedLater() {
        Observation panel = PublishedFixtures.read(US_CORE_PANEL, Observation.class);
        panel.setEffective(new DateTimeType("2022-12-01T08:00:00Z"));
        Observation total = PublishedFixtures.read(US_CORE_TOTAL, Observation.class);

        InstrumentReadings readings = read(List.of(usCoreResponse()), List.of(panel, total));

        assertThat(only(readings).source()).isEqualTo("QuestionnaireResponse/phq-9-example");
    }

    @Test
    void aPanelRecordedAtTheSameTimeAsAResponseCountsOnceEvenWithoutDerivedFrom() {
        Observation panel = PublishedFixtures.read(US_CORE_PANEL, Observation.class).setDerivedFrom(List.of());
        Observation total = PublishedFixtures.read(US_CORE_TOTAL, Observation.class).setDerivedFrom(List.of());

        InstrumentReadings readings = read(List.of(usCoreResponse()), List.of(panel, total));

        assertThat(only(readings).source()).isEqualTo("QuestionnaireResponse/phq-9-example");
    }

    @Test
    void aPanelFromAnotherDayIsAnotherCompletion() {
        Observation laterPanel = PublishedFixtures.read(US_CORE_PANEL, Observation.class).setDerivedFrom(List.of());
        laterPanel.setEffective(new DateTimeType("2022-12-02T09:00:00Z"));
        Observation total = PublishedFixtures.read(US_CORE_TOTAL, Observation.class).setDerivedFrom(List.of());

        InstrumentReadings readings = read(List.of(usCoreResponse()), List.of(laterPanel, total));

        assertThat(readings.responses()).extracting(InstrumentResponse::source).containsExactlyInAnyOrder(
                "QuestionnaireResponse/phq-9-example", "Observation/PHQ9-panel-example-44249-1");
    }

    @Test
    void aResponseEnteredInErrorIsNotRead() {
        QuestionnaireResponse withdrawn = response("withdrawn").to(PCO_PHQ9)
                .status(QuestionnaireResponse.QuestionnaireResponseStatus.ENTEREDINERROR)
                .answers(PCO_PHQ9_ITEMS, frequencies(3, 3, 3, 3, 3, 3, 3, 3, 3)).build();

        InstrumentReadings readings = read(List.of(withdrawn), List.of());

        assertThat(readings.responses()).isEmpty();
    }

    @Test
    void aResponseStillInProgressIsReadSoACriticalAnswerIsNotMissed() {
        QuestionnaireResponse unfinished = response("unfinished").to(PCO_PHQ9)
                .status(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS)
                .item(answered("14371", frequency(2))).build();

        assertThat(only(read(List.of(unfinished), List.of())).answer(9))
                .map(InstrumentResponse.AnsweredItem::score).contains(2);
    }

    @Test
    void observationsEnteredInErrorOrCancelledAreNotRead() {
        Observation erroneous = observation("item9-error", "44260-8").answer(frequency(3)).build()
                .setStatus(Observation.ObservationStatus.ENTEREDINERROR);
        Observation cancelled = observation("total-cancelled", "44261-6").score(22).build()
                .setStatus(Observation.ObservationStatus.CANCELLED);

        assertThat(read(List.of(), List.of(erroneous, cancelled)).responses()).isEmpty();
    }

    // --- forms with numeric linkIds --------------------------------------------------------------------

    @Test
    void aResponseToThePcoPhq9FormIsReadThroughTheBundledForm() {
        QuestionnaireResponse response = response("pco-phq9").to(PCO_PHQ9)
                .answers(PCO_PHQ9_ITEMS, frequencies(1, 2, 0, 3, 1, 0, 2, 1, 1)).build();

        InstrumentResponse phq9 = only(read(List.of(response), List.of()));

        assertThat(phq9.instrument().id()).isEqualTo("phq-9");
        assertThat(phq9.answers()).extracting(InstrumentResponse.AnsweredItem::score)
                .containsExactly(1, 2, 0, 3, 1, 0, 2, 1, 1);
        assertThat(phq9.answer(9)).get().satisfies(item9 -> {
            assertThat(item9.score()).isEqualTo(1);
            assertThat(item9.linkId()).isEqualTo("14371");
        });
    }

    @Test
    void aResponseNamingAVersionOfThePcoFormIsReadThroughTheUnversionedForm() {
        QuestionnaireResponse response = response("pco-phq9-versioned").to(PCO_PHQ9 + "|1.0")
                .answers(PCO_PHQ9_ITEMS, frequencies(0, 0, 0, 0, 0, 0, 0, 0, 3)).build();

        InstrumentResponse phq9 = only(read(List.of(response), List.of()));

        assertThat(phq9.answer(9)).map(InstrumentResponse.AnsweredItem::score).contains(3);
    }

    @Test
    void thePcoGad7WordingMoreDaysThanNotScoresTwo() {
        List<Coding> answers = new ArrayList<>(frequencies(1, 0, 1, 1, 1, 1, 1));
        answers.set(1, new Coding(LOINC, "LA18938-3", "More days than not"));
        QuestionnaireResponse response = response("pco-gad7").to(PCO_GAD7).answers(PCO_GAD7_ITEMS, answers).build();

        InstrumentResponse gad7 = only(read(List.of(response), List.of()));

        assertThat(gad7.instrument().id()).isEqualTo("gad-7");
        assertThat(gad7.answer(2)).map(InstrumentResponse.AnsweredItem::score).contains(2);
        assertThat(sum(gad7)).isEqualTo(8);
    }

    @Test
    void answersGivenOnlyAsIntegersAreScoredByTheirValue() {
        QuestionnaireResponse response = response("integers").to(PCO_PHQ9)
                .answers(PCO_PHQ9_ITEMS, integers(3, 3, 2, 2, 1, 1, 0, 0, 2)).build();

        InstrumentResponse phq9 = only(read(List.of(response), List.of()));

        assertThat(phq9.answers()).extracting(InstrumentResponse.AnsweredItem::score)
                .containsExactly(3, 3, 2, 2, 1, 1, 0, 0, 2);
        assertThat(phq9.unreadableItems()).isEmpty();
    }

    @Test
    void answersCarryingOnlyAnOrdinalValueExtensionAreScoredByTheOrdinal() {
        List<Coding> answers = IntStream.of(0, 1, 2, 3, 0, 1, 2, 3, 1)
                .mapToObj(InstrumentResponseReaderTest::localAnswerWithOrdinal).toList();
        QuestionnaireResponse response = response("ordinals").to(PCO_PHQ9).answers(PCO_PHQ9_ITEMS, answers).build();

        InstrumentResponse phq9 = only(read(List.of(response), List.of()));

        assertThat(phq9.answers()).extracting(InstrumentResponse.AnsweredItem::score)
                .containsExactly(0, 1, 2, 3, 0, 1, 2, 3, 1);
    }

    @Test
    void aLocalAnswerCodeWithoutAnOrdinalIsUnreadableNotGuessed() {
        List<Coding> answers = new ArrayList<>(frequencies(1, 1, 1, 1, 1, 1, 1, 1, 0));
        answers.set(8, new Coding("urn:example:answers", "LA6571-9", "Nearly every day"));
        QuestionnaireResponse response = response("local-code").to(PCO_PHQ9).answers(PCO_PHQ9_ITEMS, answers).build();

        InstrumentResponse phq9 = only(read(List.of(response), List.of()));

        assertThat(phq9.answer(9)).isEmpty();
        assertThat(phq9.unreadableItems()).containsExactly(9);
    }

    @Test
    void itemsNestedInGroupsAndUnderAnswersAreScored() {
        QuestionnaireResponse.QuestionnaireResponseItemComponent item8 = answered("14370", frequency(1));
        item8.getAnswerFirstRep().addItem(answered("14371", frequency(2)));
        QuestionnaireResponse response = response("nested").to(PCO_PHQ9)
                .item(group("page-1",
                        answered("14363", frequency(1)), answered("14364", frequency(1)),
                        group("page-1.1", answered("14365", frequency(1)), answered("14366", frequency(1)))))
                .item(group("page-2",
                        answered("14367", frequency(0)), answered("14368", frequency(0)),
                        answered("14369", frequency(0)), item8))
                .build();

        InstrumentResponse phq9 = only(read(List.of(response), List.of()));

        assertThat(phq9.answers()).extracting(InstrumentResponse.AnsweredItem::number)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(phq9.answer(9)).map(InstrumentResponse.AnsweredItem::score).contains(2);
        assertThat(sum(phq9)).isEqualTo(7);
    }

    @Test
    void anAnswerOutsideTheItemsRangeIsUnreadableNotScored() {
        List<Type> answers = new ArrayList<>(integers(1, 1, 1, 1, 1, 1, 1, 1, 7));
        answers.set(0, new IntegerType(-1));
        QuestionnaireResponse response = response("out-of-range").to(PCO_PHQ9).answers(PCO_PHQ9_ITEMS, answers).build();

        InstrumentResponse phq9 = only(read(List.of(response), List.of()));

        assertThat(phq9.answer(9)).isEmpty();
        assertThat(phq9.answer(1)).isEmpty();
        assertThat(phq9.unreadableItems()).containsExactlyInAnyOrder(1, 9);
        assertThat(sum(phq9)).isEqualTo(7);
    }

    @Test
    void anOrdinalExtensionOutsideTheItemsRangeIsUnreadable() {
        Coding answer = localAnswerWithOrdinal(7);
        QuestionnaireResponse response = response("ordinal-out-of-range").to(PCO_PHQ9)
                .item(answered("14371", answer)).build();

        InstrumentResponse phq9 = only(read(List.of(response), List.of()));

        assertThat(phq9.answer(9)).isEmpty();
        assertThat(phq9.unreadableItems()).containsExactly(9);
    }

    @Test
    void aFractionalAnswerIsUnreadable() {
        QuestionnaireResponse response = response("fraction").to(PCO_PHQ9)
                .item(answered("14371", new DecimalType("1.5"))).build();

        assertThat(only(read(List.of(response), List.of())).unreadableItems()).containsExactly(9);
    }

    // --- forms Vouch does not know ---------------------------------------------------------------------

    @Test
    void aResponseToAnUnknownFormWhoseLinkIdsMeanNothingIsReportedAsUnreadable() {
        QuestionnaireResponse response = response("mystery").to("urn:example:Questionnaire/mood-check")
                .answers(List.of("q1", "q2", "14371"), integers(2, 3, 1)).build();

        InstrumentReadings readings = read(List.of(response), List.of());

        assertThat(readings.responses()).isEmpty();
        assertThat(readings.unreadableForms()).singleElement().satisfies(unreadable -> {
            assertThat(unreadable.source()).isEqualTo("QuestionnaireResponse/mystery");
            assertThat(unreadable.questionnaire()).isEqualTo("urn:example:Questionnaire/mood-check");
            assertThat(unreadable.reason()).contains("not registered");
        });
    }

    @Test
    void aResponseToAKnownFormWithNoScoredItemIsReportedAsUnreadable() {
        QuestionnaireResponse response = response("difficulty-only").to(PCO_PHQ9)
                .item(answered("57492", new Coding(LOINC, "LA6573-5", "Somewhat difficult"))).build();

        InstrumentReadings readings = read(List.of(response), List.of());

        assertThat(readings.responses()).isEmpty();
        assertThat(readings.unreadableForms()).singleElement()
                .satisfies(unreadable -> assertThat(unreadable.reason()).contains("none of its items"));
    }

    @Test
    void anUnknownFormWhoseLinkIdsCarryLoincItemCodesIsReadByThoseCodes() {
        QuestionnaireResponse response = response("loinc-linkids").to("urn:example:Questionnaire/phq-9-local")
                .answers(List.of("/44250-9", "/44255-8", "/44260-8", "/44261-6"),
                        List.of(frequency(2), frequency(1), frequency(3), new IntegerType(6)))
                .build();

        InstrumentResponse phq9 = only(read(List.of(response), List.of()));

        assertThat(phq9.answers()).extracting(InstrumentResponse.AnsweredItem::number).containsExactly(1, 2, 9);
        assertThat(phq9.answer(9)).map(InstrumentResponse.AnsweredItem::score).contains(3);
        assertThat(phq9.statedTotal()).isEqualTo(OptionalInt.of(6));
    }

    @Test
    void aFormSentWithTheRecordIsUsedToReadItsResponses() {
        Questionnaire form = new Questionnaire().setUrl("urn:example:Questionnaire/clinic-phq9");
        Questionnaire.QuestionnaireItemComponent question = form.addItem().setLinkId("self-harm");
        question.addCode(new Coding(LOINC, "44260-8", null));
        Coding sometimes = new Coding("urn:example:answers", "sometimes", "Sometimes");
        question.addAnswerOption().setValue(sometimes)
                .addExtension(CodeSystems.ORDINAL_VALUE_EXTENSION, new DecimalType(1));
        QuestionnaireResponse response = response("clinic").to(form.getUrl())
                .item(answered("self-harm", sometimes.copy())).build();

        InstrumentReadings readings = reader.read(record(List.of(response), List.of(), List.of(form)), BUNDLED);

        assertThat(only(readings).answer(9)).map(InstrumentResponse.AnsweredItem::score).contains(1);
    }

    // --- Observations without a response ---------------------------------------------------------------

    @Test
    void aSyntheaTotalOnlyObservationReadsAsATotalWithoutItems() {
        Observation total = observation("synthea-phq9", "44261-6").score(11).build();

        InstrumentResponse phq9 = only(read(List.of(), List.of(total)));

        assertThat(phq9.instrument().id()).isEqualTo("phq-9");
        assertThat(phq9.statedTotal()).isEqualTo(OptionalInt.of(11));
        assertThat(phq9.hasItems()).isFalse();
        assertThat(phq9.source()).isEqualTo("Observation/synthea-phq9");
        assertThat(phq9.recordedAt()).contains(Instant.parse("2025-05-20T10:00:00Z"));
    }

    @Test
    void aSyntheaGad7TotalIsRecognisedByItsTotalScoreCode() {
        Observation total = observation("synthea-gad7", "70274-6").score(6).build();

        InstrumentResponse gad7 = only(read(List.of(), List.of(total)));

        assertThat(gad7.instrument().id()).isEqualTo("gad-7");
        assertThat(gad7.statedTotal()).isEqualTo(OptionalInt.of(6));
    }

    @Test
    void aStandaloneItem9ObservationIsReadWithItsScore() {
        Observation item9 = observation("item9-alone", "44260-8").answer(frequency(2)).build();

        InstrumentResponse phq9 = only(read(List.of(), List.of(item9)));

        assertThat(phq9.instrument().id()).isEqualTo("phq-9");
        assertThat(phq9.answers()).singleElement().satisfies(answer -> {
            assertThat(answer.number()).isEqualTo(9);
            assertThat(answer.score()).isEqualTo(2);
            assertThat(answer.source()).isEqualTo("Observation/item9-alone");
        });
        assertThat(phq9.statedTotal()).isEmpty();
    }

    @Test
    void standaloneItemObservationsOfOneMomentFormOneCompletionAndOfAnotherMomentAnother() {
        Observation item1 = observation("item1", "44250-9").answer(frequency(1)).build();
        Observation item9 = observation("item9", "44260-8").answer(frequency(3)).build();
        Observation item9Later = observation("item9-later", "44260-8").answer(frequency(0))
                .effective("2025-05-27T10:00:00Z").build();

        InstrumentReadings readings = read(List.of(), List.of(item1, item9, item9Later));

        assertThat(readings.responses()).hasSize(2);
        InstrumentResponse first = readings.responses().stream()
                .filter(response -> response.answers().size() == 2).findFirst().orElseThrow();
        assertThat(first.answer(1)).map(InstrumentResponse.AnsweredItem::score).contains(1);
        assertThat(first.answer(9)).map(InstrumentResponse.AnsweredItem::score).contains(3);
    }

    @Test
    void anItemObservationWithAnIntegerValueOutsideTheRangeIsUnreadable() {
        Observation item9 = observation("item9-seven", "44260-8").value(new IntegerType(7)).build();

        InstrumentResponse phq9 = only(read(List.of(), List.of(item9)));

        assertThat(phq9.answers()).isEmpty();
        assertThat(phq9.unreadableItems()).containsExactly(9);
    }

    @Test
    void aPanelWhoseTotalIsWrittenAsTextIsReadAsANumber() {
        Observation panel = observation("panel", "44249-1").member("Observation/total").build();
        Observation total = observation("total", "44261-6").value(new StringType(" 14 ")).build();

        InstrumentResponse phq9 = only(read(List.of(), List.of(panel, total)));

        assertThat(phq9.statedTotal()).isEqualTo(OptionalInt.of(14));
        assertThat(phq9.source()).isEqualTo("Observation/panel");
    }

    private static Observation usCoreMember(String code, String answer) {
        return observation("PHQ9-item-example-" + code, code)
                .answer(new Coding(LOINC, answer, null))
                .effective("2022-11-29T20:50:32.718000+00:00")
                .derivedFrom("QuestionnaireResponse/phq-9-example")
                .build();
    }

    private static Coding localAnswerWithOrdinal(int ordinal) {
        Coding coding = new Coding("urn:example:answers", "answer-" + ordinal, null);
        coding.addExtension(CodeSystems.ORDINAL_VALUE_EXTENSION, new DecimalType(ordinal));
        return coding;
    }

    private static List<Type> integers(int... values) {
        return Arrays.stream(values).mapToObj(value -> (Type) new IntegerType(value)).toList();
    }

    private static QuestionnaireResponse usCoreResponse() {
        return PublishedFixtures.read(US_CORE_RESPONSE, QuestionnaireResponse.class);
    }

    private InstrumentReadings read(List<QuestionnaireResponse> responses, List<Observation> observations) {
        return reader.read(record(responses, observations, List.of()), BUNDLED);
    }

    private static PatientRecord record(List<QuestionnaireResponse> responses, List<Observation> observations,
                                        List<Questionnaire> forms) {
        return new PatientRecord("example", Optional.empty(), responses, observations, List.of(), List.of(), forms,
                List.of());
    }

    private static InstrumentResponse only(InstrumentReadings readings) {
        assertThat(readings.responses()).hasSize(1);
        return readings.responses().get(0);
    }

    private static int sum(InstrumentResponse response) {
        return response.answers().stream().mapToInt(InstrumentResponse.AnsweredItem::score).sum();
    }
}
