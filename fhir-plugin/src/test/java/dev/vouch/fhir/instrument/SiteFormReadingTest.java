package dev.vouch.fhir.instrument;

import ca.uhn.fhir.context.FhirContext;
import dev.vouch.fhir.record.PatientRecord;
import dev.vouch.terminology.CodeSystems;
import dev.vouch.terminology.TerminologySnapshot;
import dev.vouch.terminology.instrument.InstrumentCatalog;
import dev.vouch.terminology.questionnaire.QuestionnaireIndex;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static dev.vouch.fhir.instrument.ObservationBuilder.observation;
import static dev.vouch.fhir.instrument.ResponseBuilder.LL358_3;
import static dev.vouch.fhir.instrument.ResponseBuilder.LOINC;
import static dev.vouch.fhir.instrument.ResponseBuilder.answered;
import static dev.vouch.fhir.instrument.ResponseBuilder.frequencies;
import static dev.vouch.fhir.instrument.ResponseBuilder.response;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A site's own forms and codes, understood through the terminology of the call: registered forms, ConceptMaps for
 * linkIds, local item codes and local answer codes. Each snapshot is built with {@link TerminologySnapshot#of}.
 */
class SiteFormReadingTest {

    private static final InstrumentCatalog CATALOG = InstrumentCatalog.bundled();
    private static final QuestionnaireIndex BUNDLED_FORMS = QuestionnaireIndex.bundled(FhirContext.forR4Cached());

    private static final String HOSPITAL_PHQ9 = "https://hospital.example/forms/phq9";
    private static final String HOSPITAL_CODES = "http://hospital.example/codes";
    private static final String HOSPITAL_ANSWERS = "http://hospital.example/answers";
    /** PHQ-9 item codes in item order. */
    private static final List<String> PHQ9_ITEMS = List.of("44250-9", "44255-8", "44259-0", "44254-1", "44251-7",
            "44258-2", "44252-5", "44253-3", "44260-8");
    private static final List<String> LOCAL_LINK_IDS = List.of("q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9");
    /** The hospital's answer codes, indexed by score, for the LL358-3 answers. */
    private static final List<String> LOCAL_ANSWERS = List.of("never", "some-days", "most-days", "daily");

    private final InstrumentResponseReader reader = new InstrumentResponseReader();

    // --- (a) the form's item codes ------------------------------------------------------------------------

    @Test
    void aRegisteredFormsLoincItemCodesIdentifyItsLocalLinkIds() {
        Questionnaire form = form(HOSPITAL_PHQ9, "3", LOINC, PHQ9_ITEMS);
        QuestionnaireResponse response = response("registered").to(HOSPITAL_PHQ9 + "|3")
                .answers(LOCAL_LINK_IDS, frequencies(1, 1, 2, 1, 0, 1, 1, 0, 2)).build();

        InstrumentResponse phq9 = only(read(snapshot(form), response));

        assertThat(phq9.instrument().id()).isEqualTo("phq-9");
        assertThat(sum(phq9)).isEqualTo(9);
        assertThat(phq9.answer(9)).get().satisfies(item9 -> {
            assertThat(item9.score()).isEqualTo(2);
            assertThat(item9.linkId()).isEqualTo("q9");
        });
    }

    @Test
    void aLocalItemCodeOnTheFormIsTranslatedToLoincThroughAConceptMapOnTheLocalCodeSystem() {
        Questionnaire form = form(HOSPITAL_PHQ9, null, HOSPITAL_CODES, localItemCodes());
        ConceptMap itemCodes = conceptMap("https://hospital.example/ConceptMap/phq9-items", HOSPITAL_CODES, LOINC,
                zip(localItemCodes(), PHQ9_ITEMS));
        QuestionnaireResponse response = response("local-item-codes").to(HOSPITAL_PHQ9)
                .answers(LOCAL_LINK_IDS, frequencies(3, 3, 3, 2, 2, 2, 1, 1, 1)).build();

        InstrumentResponse phq9 = only(reader.read(record(List.of(response), List.of(), List.of(form)),
                snapshot(itemCodes)));

        assertThat(phq9.answers()).extracting(InstrumentResponse.AnsweredItem::number)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(sum(phq9)).isEqualTo(18);
        assertThat(phq9.answer(9)).map(InstrumentResponse.AnsweredItem::score).contains(1);
    }

    @Test
    void aRegisteredFormsLocalItemCodesAreTranslatedToLoincThroughAConceptMap() {
        Questionnaire registered = form(HOSPITAL_PHQ9, null, HOSPITAL_CODES, localItemCodes());
        ConceptMap itemCodes = conceptMap("https://hospital.example/ConceptMap/phq9-items", HOSPITAL_CODES, LOINC,
                zip(localItemCodes(), PHQ9_ITEMS));
        QuestionnaireResponse response = response("registered-local-item-codes").to(HOSPITAL_PHQ9)
                .answers(LOCAL_LINK_IDS, frequencies(3, 3, 3, 2, 2, 2, 1, 1, 1)).build();

        InstrumentResponse phq9 = only(read(snapshot(registered, itemCodes), response));

        assertThat(sum(phq9)).isEqualTo(18);
        assertThat(phq9.answer(9)).map(InstrumentResponse.AnsweredItem::score).contains(1);
    }

    @Test
    void aLocalItemCodeWithNoConceptMapLeavesTheFormUnreadable() {
        Questionnaire form = form(HOSPITAL_PHQ9, null, HOSPITAL_CODES, localItemCodes());
        QuestionnaireResponse response = response("local-item-codes-unmapped").to(HOSPITAL_PHQ9)
                .answers(LOCAL_LINK_IDS, frequencies(3, 3, 3, 2, 2, 2, 1, 1, 1)).build();

        InstrumentReadings readings = reader.read(record(List.of(response), List.of(), List.of(form)), snapshot());

        assertThat(readings.responses()).isEmpty();
        assertThat(readings.unreadableForms()).singleElement()
                .satisfies(unreadable -> assertThat(unreadable.reason()).contains("none of its items"));
    }

    @Test
    void theFormsOwnItemCodeWinsOverAConceptMapForItsLinkIds() {
        Questionnaire form = form(HOSPITAL_PHQ9, null, LOINC, PHQ9_ITEMS);
        Map<String, String> swapped = new LinkedHashMap<>(zip(LOCAL_LINK_IDS, PHQ9_ITEMS));
        swapped.put("q1", "44260-8");
        swapped.put("q9", "44250-9");
        ConceptMap wrongMap = conceptMap("https://hospital.example/ConceptMap/stale", HOSPITAL_PHQ9, LOINC, swapped);
        QuestionnaireResponse response = response("form-wins").to(HOSPITAL_PHQ9)
                .answers(LOCAL_LINK_IDS, frequencies(0, 0, 0, 0, 0, 0, 0, 0, 3)).build();

        InstrumentResponse phq9 = only(read(snapshot(form, wrongMap), response));

        assertThat(phq9.answer(9)).map(InstrumentResponse.AnsweredItem::score).contains(3);
        assertThat(phq9.answer(1)).map(InstrumentResponse.AnsweredItem::score).contains(0);
    }

    // --- (c) a ConceptMap for the form's linkIds ----------------------------------------------------------

    @Test
    void localLinkIdsAreReadThroughAConceptMapKeyedByTheFormsCanonicalWhateverTheVersion() {
        ConceptMap linkIds = conceptMap("https://hospital.example/ConceptMap/phq9-linkids", HOSPITAL_PHQ9, LOINC,
                zip(LOCAL_LINK_IDS, PHQ9_ITEMS));
        QuestionnaireResponse response = response("linkids").to(HOSPITAL_PHQ9 + "|3")
                .answers(LOCAL_LINK_IDS, frequencies(2, 2, 1, 1, 1, 1, 0, 0, 1)).build();

        InstrumentResponse phq9 = only(read(snapshot(linkIds), response));

        assertThat(phq9.instrument().id()).isEqualTo("phq-9");
        assertThat(phq9.answers()).extracting(InstrumentResponse.AnsweredItem::number)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(sum(phq9)).isEqualTo(9);
        assertThat(phq9.answer(9)).get().satisfies(item9 -> {
            assertThat(item9.score()).isEqualTo(1);
            assertThat(item9.linkId()).isEqualTo("q9");
            assertThat(item9.answerDisplay()).isEqualTo("Several days");
        });
    }

    @Test
    void aConceptMapForOneVersionOfAFormReadsThatVersionOnly() {
        ConceptMap version3 = conceptMap("https://hospital.example/ConceptMap/phq9-v3", HOSPITAL_PHQ9 + "|3", LOINC,
                zip(LOCAL_LINK_IDS, PHQ9_ITEMS));
        TerminologySnapshot terminology = snapshot(version3);

        InstrumentReadings third = read(terminology, response("v3").to(HOSPITAL_PHQ9 + "|3")
                .answers(LOCAL_LINK_IDS, frequencies(1, 1, 1, 1, 1, 1, 1, 1, 1)).build());
        InstrumentReadings fourth = read(terminology, response("v4").to(HOSPITAL_PHQ9 + "|4")
                .answers(LOCAL_LINK_IDS, frequencies(1, 1, 1, 1, 1, 1, 1, 1, 1)).build());

        assertThat(sum(only(third))).isEqualTo(9);
        assertThat(fourth.responses()).isEmpty();
        assertThat(fourth.unreadableForms()).singleElement()
                .satisfies(unreadable -> assertThat(unreadable.questionnaire()).isEqualTo(HOSPITAL_PHQ9 + "|4"));
    }

    @Test
    void aLinkIdTwoMapsSendToDifferentItemsIsNotIdentifiedAndTheScoreIsIncompleteNotWrong() {
        ConceptMap linkIds = conceptMap("https://hospital.example/ConceptMap/phq9-linkids", HOSPITAL_PHQ9, LOINC,
                zip(LOCAL_LINK_IDS, PHQ9_ITEMS));
        ConceptMap disagreeing = conceptMap("https://hospital.example/ConceptMap/other", HOSPITAL_PHQ9, LOINC,
                Map.of("q9", "44259-0"));
        QuestionnaireResponse response = response("ambiguous").to(HOSPITAL_PHQ9)
                .answers(LOCAL_LINK_IDS, frequencies(1, 1, 1, 1, 1, 1, 1, 1, 3)).build();

        InstrumentResponse phq9 = only(read(snapshot(linkIds, disagreeing), response));

        assertThat(phq9.answer(9)).isEmpty();
        assertThat(phq9.answer(3)).map(InstrumentResponse.AnsweredItem::score).contains(1);
        assertThat(phq9.answers()).hasSize(8);
    }

    @Test
    void aRetiredConceptMapNoLongerReadsTheForm() {
        ConceptMap retired = conceptMap("https://hospital.example/ConceptMap/phq9-linkids", HOSPITAL_PHQ9, LOINC,
                zip(LOCAL_LINK_IDS, PHQ9_ITEMS)).setStatus(Enumerations.PublicationStatus.RETIRED);
        QuestionnaireResponse response = response("retired-map").to(HOSPITAL_PHQ9)
                .answers(LOCAL_LINK_IDS, frequencies(1, 1, 1, 1, 1, 1, 1, 1, 1)).build();

        assertThat(read(snapshot(retired), response).responses()).isEmpty();
    }

    @Test
    void theSameReaderFollowsTheSnapshotOfEachCall() {
        QuestionnaireResponse response = response("next-call").to(HOSPITAL_PHQ9 + "|3")
                .answers(LOCAL_LINK_IDS, frequencies(0, 1, 0, 1, 0, 1, 0, 1, 0)).build();
        ConceptMap linkIds = conceptMap("https://hospital.example/ConceptMap/phq9-linkids", HOSPITAL_PHQ9, LOINC,
                zip(LOCAL_LINK_IDS, PHQ9_ITEMS));

        InstrumentReadings before = read(snapshot(), response);
        InstrumentReadings after = read(snapshot(linkIds), response);

        assertThat(before.responses()).isEmpty();
        assertThat(before.unreadableForms()).singleElement()
                .satisfies(unreadable -> assertThat(unreadable.reason()).contains("no ConceptMap"));
        assertThat(sum(only(after))).isEqualTo(4);
    }

    // --- a form that cannot be understood -----------------------------------------------------------------

    @Test
    void aFormWhoseMapsTargetNoKnownLoincCodeIsUnreadableAndNeverScored() {
        ConceptMap notToLoinc = conceptMap("https://hospital.example/ConceptMap/to-snomed", HOSPITAL_PHQ9,
                CodeSystems.SNOMED_CT, zip(LOCAL_LINK_IDS, PHQ9_ITEMS));
        ConceptMap toUnknownLoinc = conceptMap("https://hospital.example/ConceptMap/unknown-loinc", HOSPITAL_PHQ9,
                LOINC, Map.of("q1", "8302-2", "q2", "29463-7"));
        ConceptMap otherForm = conceptMap("https://hospital.example/ConceptMap/gad7",
                "https://hospital.example/forms/gad7", LOINC, zip(LOCAL_LINK_IDS, PHQ9_ITEMS));
        QuestionnaireResponse response = response("not-understood").to(HOSPITAL_PHQ9 + "|3")
                .answers(LOCAL_LINK_IDS, frequencies(3, 3, 3, 3, 3, 3, 3, 3, 3)).build();

        InstrumentReadings readings = read(snapshot(notToLoinc, toUnknownLoinc, otherForm), response);

        assertThat(readings.responses()).isEmpty();
        assertThat(readings.unreadableForms()).singleElement().satisfies(unreadable -> {
            assertThat(unreadable.source()).isEqualTo("QuestionnaireResponse/not-understood");
            assertThat(unreadable.questionnaire()).isEqualTo(HOSPITAL_PHQ9 + "|3");
        });
    }

    // --- local answer codes -------------------------------------------------------------------------------

    @Test
    void localAnswerCodesAreScoredThroughAConceptMapToLoincAnswerCodes() {
        QuestionnaireResponse response = response("local-answers").to(HOSPITAL_PHQ9)
                .answers(LOCAL_LINK_IDS, localAnswers(0, 1, 2, 3, 0, 1, 2, 3, 2)).build();

        InstrumentResponse phq9 = only(read(snapshot(linkIdMap(), answerMap()), response));

        assertThat(phq9.answers()).extracting(InstrumentResponse.AnsweredItem::score)
                .containsExactly(0, 1, 2, 3, 0, 1, 2, 3, 2);
        assertThat(phq9.unreadableItems()).isEmpty();
        assertThat(phq9.answer(9)).map(InstrumentResponse.AnsweredItem::answerDisplay)
                .contains("More than half the days");
    }

    @Test
    void localAnswerCodesWithoutAConceptMapAreUnreadableNotGuessed() {
        QuestionnaireResponse response = response("local-answers-unmapped").to(HOSPITAL_PHQ9)
                .answers(LOCAL_LINK_IDS, localAnswers(0, 1, 2, 3, 0, 1, 2, 3, 2)).build();

        InstrumentResponse phq9 = only(read(snapshot(linkIdMap()), response));

        assertThat(phq9.answers()).isEmpty();
        assertThat(phq9.unreadableItems()).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void anOrdinalOnALocalAnswerWinsOverItsTranslation() {
        Coding daily = new Coding(HOSPITAL_ANSWERS, "daily", null);
        daily.addExtension(CodeSystems.ORDINAL_VALUE_EXTENSION, new DecimalType(1));
        QuestionnaireResponse response = response("ordinal-wins").to(HOSPITAL_PHQ9)
                .item(answered("q9", daily)).build();

        InstrumentResponse phq9 = only(read(snapshot(linkIdMap(), answerMap()), response));

        assertThat(phq9.answer(9)).map(InstrumentResponse.AnsweredItem::score).contains(1);
    }

    @Test
    void aLocalAnswerCodeMappedToAnswersOfDifferentScoresIsUnreadable() {
        ConceptMap disagreeing = conceptMap("https://hospital.example/ConceptMap/answers-other", HOSPITAL_ANSWERS,
                LOINC, Map.of("most-days", "LA6569-3"));
        QuestionnaireResponse response = response("answer-ambiguous").to(HOSPITAL_PHQ9)
                .item(answered("q9", new Coding(HOSPITAL_ANSWERS, "most-days", null))).build();

        InstrumentResponse phq9 = only(read(snapshot(linkIdMap(), answerMap(), disagreeing), response));

        assertThat(phq9.answer(9)).isEmpty();
        assertThat(phq9.unreadableItems()).containsExactly(9);
    }

    // --- Observations in local codes ----------------------------------------------------------------------

    @Test
    void anObservationInALocalCodeAndLocalAnswerIsReadThroughItsTranslations() {
        ConceptMap itemCodes = conceptMap("https://hospital.example/ConceptMap/phq9-items", HOSPITAL_CODES, LOINC,
                zip(localItemCodes(), PHQ9_ITEMS));
        Observation item9 = observation("local-item9", "unused").build();
        item9.setCode(new CodeableConcept(new Coding(HOSPITAL_CODES, "PHQ9-9", "Self-harm thoughts")));
        item9.setValue(new CodeableConcept(new Coding(HOSPITAL_ANSWERS, "daily", "Daily")));

        InstrumentReadings readings = reader.read(record(List.of(), List.of(item9), List.of()),
                snapshot(itemCodes, answerMap()));

        assertThat(only(readings).answer(9)).get().satisfies(answer -> {
            assertThat(answer.score()).isEqualTo(3);
            assertThat(answer.source()).isEqualTo("Observation/local-item9");
        });
    }

    // --- builders -----------------------------------------------------------------------------------------

    private InstrumentReadings read(TerminologySnapshot terminology, QuestionnaireResponse response) {
        return reader.read(record(List.of(response), List.of(), List.of()), terminology);
    }

    private static TerminologySnapshot snapshot(Resource... configured) {
        return TerminologySnapshot.of(1, CATALOG, BUNDLED_FORMS, List.of(configured));
    }

    private static ConceptMap linkIdMap() {
        return conceptMap("https://hospital.example/ConceptMap/phq9-linkids", HOSPITAL_PHQ9, LOINC,
                zip(LOCAL_LINK_IDS, PHQ9_ITEMS));
    }

    private static ConceptMap answerMap() {
        return conceptMap("https://hospital.example/ConceptMap/answers", HOSPITAL_ANSWERS, LOINC,
                zip(LOCAL_ANSWERS, LL358_3));
    }

    private static List<String> localItemCodes() {
        return IntStream.rangeClosed(1, 9).mapToObj(number -> "PHQ9-" + number).toList();
    }

    private static List<Coding> localAnswers(int... scores) {
        return IntStream.of(scores).mapToObj(score -> new Coding(HOSPITAL_ANSWERS, LOCAL_ANSWERS.get(score), null))
                .toList();
    }

    /** A form whose items q1..q9 carry the given codes in the given system. */
    private static Questionnaire form(String url, String version, String system, List<String> codes) {
        Questionnaire form = new Questionnaire().setUrl(url).setStatus(Enumerations.PublicationStatus.ACTIVE);
        if (version != null) {
            form.setVersion(version);
        }
        for (int i = 0; i < codes.size(); i++) {
            form.addItem().setLinkId(LOCAL_LINK_IDS.get(i)).setType(Questionnaire.QuestionnaireItemType.CHOICE)
                    .addCode(new Coding(system, codes.get(i), null));
        }
        return form;
    }

    static ConceptMap conceptMap(String url, String source, String target, Map<String, String> codes) {
        ConceptMap map = new ConceptMap().setUrl(url).setStatus(Enumerations.PublicationStatus.ACTIVE);
        ConceptMap.ConceptMapGroupComponent group = map.addGroup().setSource(source).setTarget(target);
        codes.forEach((from, to) -> group.addElement().setCode(from).addTarget().setCode(to)
                .setEquivalence(Enumerations.ConceptMapEquivalence.EQUIVALENT));
        return map;
    }

    private static Map<String, String> zip(List<String> from, List<String> to) {
        Map<String, String> zipped = new LinkedHashMap<>();
        for (int i = 0; i < from.size(); i++) {
            zipped.put(from.get(i), to.get(i));
        }
        return zipped;
    }

    private static PatientRecord record(List<QuestionnaireResponse> responses, List<Observation> observations,
                                        List<Questionnaire> forms) {
        return new PatientRecord("example", Optional.empty(), responses, observations, List.of(), List.of(), forms,
                List.of());
    }

    private static InstrumentResponse only(InstrumentReadings readings) {
        assertThat(readings.responses()).hasSize(1);
        return readings.responses().getFirst();
    }

    private static int sum(InstrumentResponse response) {
        return response.answers().stream().mapToInt(InstrumentResponse.AnsweredItem::score).sum();
    }
}
