package dev.vouch.fhir.demo;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import dev.vouch.fhir.instrument.InstrumentReadings;
import dev.vouch.fhir.instrument.InstrumentResponse;
import dev.vouch.fhir.instrument.InstrumentResponseReader;
import dev.vouch.fhir.record.PatientRecord;
import dev.vouch.terminology.TerminologySnapshot;
import dev.vouch.terminology.instrument.InstrumentCatalog;
import dev.vouch.terminology.questionnaire.QuestionnaireIndex;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class DemoPatientsTest {

    private static final Instant NOW = Instant.parse("2025-06-02T14:30:00Z");
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final List<Resource> DATA = DemoPatients.build(NOW);

    private static final String PHQ9_TOTAL = "/44261-6";
    private static final String GAD7_TOTAL = "/70274-6";
    private static final String PHQ9_ITEM9 = "/44260-8";
    private static final Set<String> UNSCORED = Set.of("/69722-7");
    private static final Map<String, Integer> LL358_3 =
            Map.of("LA6568-5", 0, "LA6569-3", 1, "LA6570-1", 2, "LA6571-9", 3);

    private static final InstrumentResponseReader READER = new InstrumentResponseReader();
    private static final TerminologySnapshot BUNDLED = TerminologySnapshot.of(1, InstrumentCatalog.bundled(),
            QuestionnaireIndex.bundled(FHIR), List.of());

    @Test
    void hasTheSevenDemoPatientsWithDistinctiveIdentifyingDetails() {
        List<Patient> patients = ofType(Patient.class);

        assertThat(patients).hasSizeGreaterThanOrEqualTo(7);
        assertThat(patients).extracting(patient -> patient.getIdElement().getIdPart()).contains(
                "demo-improving", "demo-item9", "demo-anxiety", "demo-control", "demo-negated", "demo-synthea",
                "demo-condition-si");
        for (Patient patient : patients) {
            assertThat(patient.getIdElement().getIdPart()).startsWith("demo-");
            assertThat(patient.getNameFirstRep().getFamily()).isNotBlank();
            assertThat(patient.getGender()).isNotNull();
            assertThat(patient.getBirthDate()).isBefore(java.util.Date.from(NOW));
            assertThat(patient.getIdentifier()).anySatisfy(identifier -> {
                assertThat(identifier.getSystem()).isEqualTo(DemoPatients.MRN_SYSTEM);
                assertThat(identifier.getValue()).matches("MRN-\\d{6}");
            });
            assertThat(patient.getTelecom()).extracting(point -> point.getSystem().toCode())
                    .contains("phone", "email");
            assertThat(patient.getAddressFirstRep().getLine()).isNotEmpty();
            assertThat(patient.getAddressFirstRep().getPostalCode()).isNotBlank();
        }
        assertThat(patients).extracting(patient -> patient.getIdentifierFirstRep().getValue()).doesNotHaveDuplicates();
        assertThat(patients).extracting(patient -> patient.getTelecomFirstRep().getValue()).doesNotHaveDuplicates();
    }

    @Test
    void everyResourceHasAnIdAndEveryDateIsBeforeNow() {
        assertThat(DATA).allSatisfy(resource -> assertThat(resource.getIdElement().getIdPart()).isNotBlank());
        assertThat(DATA).extracting(resource -> resource.fhirType() + "/" + resource.getIdElement().getIdPart())
                .doesNotHaveDuplicates();
        assertThat(ofType(QuestionnaireResponse.class))
                .allSatisfy(response -> assertThat(response.getAuthored()).isBefore(java.util.Date.from(NOW)));
        assertThat(ofType(DocumentReference.class))
                .allSatisfy(note -> assertThat(note.getDate()).isBefore(java.util.Date.from(NOW)));
    }

    @Test
    void isDeterministicForTheSameNow() {
        IParser parser = FHIR.newJsonParser();
        List<String> first = DemoPatients.build(NOW).stream().map(parser::encodeResourceToString).toList();
        List<String> second = DemoPatients.build(NOW).stream().map(parser::encodeResourceToString).toList();
        assertThat(first).isEqualTo(second);
    }

    @Test
    void everyResponseItemsAddUpToItsStatedTotal() {
        List<QuestionnaireResponse> responses = ofType(QuestionnaireResponse.class);
        assertThat(responses).isNotEmpty();
        for (QuestionnaireResponse response : responses) {
            assertThat(response.getStatus()).isEqualTo(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
            assertThat(response.getSubject().getReference()).startsWith("Patient/demo-");
            assertThat(response.getAuthored()).isNotNull();
            int expectedItems = response.getQuestionnaire().equals(DemoPatients.PHQ9_QUESTIONNAIRE) ? 9 : 7;
            int sum = 0;
            int scored = 0;
            Integer stated = null;
            for (QuestionnaireResponseItemComponent item : response.getItem()) {
                if (item.getLinkId().equals(PHQ9_TOTAL) || item.getLinkId().equals(GAD7_TOTAL)) {
                    stated = item.getAnswerFirstRep().getValueIntegerType().getValue();
                } else if (!UNSCORED.contains(item.getLinkId())) {
                    Coding answer = item.getAnswerFirstRep().getValueCoding();
                    assertThat(answer.getSystem()).isEqualTo("http://loinc.org");
                    assertThat(LL358_3).containsKey(answer.getCode());
                    sum += LL358_3.get(answer.getCode());
                    scored++;
                }
            }
            assertThat(scored).as("scored items of %s", response.getId()).isEqualTo(expectedItems);
            assertThat(stated).as("stated total of %s", response.getId()).isEqualTo(sum);
        }
    }

    @Test
    void everyResponseHasOneDerivedSurveyObservationWithItsTotal() {
        for (QuestionnaireResponse response : ofType(QuestionnaireResponse.class)) {
            String reference = "QuestionnaireResponse/" + response.getIdElement().getIdPart();
            List<Observation> derived = ofType(Observation.class).stream()
                    .filter(observation -> observation.getDerivedFrom().stream()
                            .anyMatch(from -> reference.equals(from.getReference())))
                    .toList();
            assertThat(derived).as("observations derived from %s", reference).hasSize(1);
            Observation observation = derived.get(0);
            String totalLinkId = response.getQuestionnaire().equals(DemoPatients.PHQ9_QUESTIONNAIRE)
                    ? PHQ9_TOTAL : GAD7_TOTAL;
            int stated = response.getItem().stream().filter(item -> item.getLinkId().equals(totalLinkId))
                    .findFirst().orElseThrow().getAnswerFirstRep().getValueIntegerType().getValue();

            assertThat(observation.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
            assertThat(observation.getCategoryFirstRep().getCodingFirstRep().getSystem())
                    .isEqualTo("http://terminology.hl7.org/CodeSystem/observation-category");
            assertThat(observation.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("survey");
            assertThat(observation.getCode().getCodingFirstRep().getCode()).isEqualTo(totalLinkId.substring(1));
            assertThat(observation.getValueIntegerType().getValue()).isEqualTo(stated);
            assertThat(observation.getEffectiveDateTimeType().getValue()).isEqualTo(response.getAuthored());
            assertThat(observation.getSubject().getReference()).isEqualTo(response.getSubject().getReference());
        }
    }

    @Test
    void onlyDemoItem9HasAPhq9ResponseWithItem9AboveZero() {
        Set<String> patients = ofType(QuestionnaireResponse.class).stream()
                .filter(response -> response.getItem().stream().anyMatch(item -> item.getLinkId().equals(PHQ9_ITEM9)
                        && LL358_3.get(item.getAnswerFirstRep().getValueCoding().getCode()) > 0))
                .map(response -> response.getSubject().getReference())
                .collect(Collectors.toSet());

        assertThat(patients).containsExactly("Patient/demo-item9");
    }

    @Test
    void notesArePlainTextMentioningThePatientAndCarryTheRiskAndNegatedSentences() {
        List<DocumentReference> notes = ofType(DocumentReference.class);
        for (Patient patient : ofType(Patient.class)) {
            List<DocumentReference> own = notes.stream().filter(note -> subjectId(note.getSubject())
                    .equals(patient.getIdElement().getIdPart())).toList();
            assertThat(own).as("notes of %s", patient.getIdElement().getIdPart()).hasSizeBetween(1, 3);
            String name = patient.getNameFirstRep().getGivenAsSingleString() + " "
                    + patient.getNameFirstRep().getFamily();
            assertThat(own).allSatisfy(note -> assertThat(text(note)).contains(name));
        }
        assertThat(notes).allSatisfy(note -> {
            assertThat(note.getStatus().toCode()).isEqualTo("current");
            assertThat(note.getContentFirstRep().getAttachment().getContentType()).isEqualTo("text/plain");
            assertThat(note.getAuthorFirstRep().getDisplay()).isNotBlank();
        });
        assertThat(notesOf("demo-item9")).anySatisfy(text -> assertThat(text)
                .contains("Patient reports she wants to die and has been thinking about ending her life."));
        assertThat(notesOf("demo-negated")).anySatisfy(text -> assertThat(text)
                .contains("Denies SI. No suicidal ideation, no thoughts of self-harm."));
        assertThat(notes.stream().map(DemoPatientsTest::text)).anySatisfy(text -> assertThat(text).contains("555-01"));
    }

    @Test
    void everyResourceRoundTripsThroughTheJsonParser() {
        IParser parser = FHIR.newJsonParser();
        for (Resource resource : DATA) {
            String json = parser.encodeResourceToString(resource);
            Resource parsed = (Resource) parser.parseResource(json);
            assertThat(parsed.fhirType()).isEqualTo(resource.fhirType());
            assertThat(parsed.getIdElement().getIdPart()).isEqualTo(resource.getIdElement().getIdPart());
            assertThat(parser.encodeResourceToString(parsed)).isEqualTo(json);
        }
        DocumentReference note = (DocumentReference) parser.parseResource(
                parser.encodeResourceToString(ofType(DocumentReference.class).get(0)));
        assertThat(text(note)).isEqualTo(text(ofType(DocumentReference.class).get(0)));
    }

    @Test
    void theInstrumentReaderSeesTheExpectedLatestTotalsAndCountsEachCompletionOnce() {
        expect("demo-improving", "phq-9", 4, 6);
        expect("demo-improving", "gad-7", 2, 8);
        expect("demo-item9", "phq-9", 3, 17);
        expect("demo-item9", "gad-7", 1, 11);
        expect("demo-anxiety", "gad-7", 2, 17);
        expect("demo-anxiety", "phq-9", 1, 7);
        expect("demo-control", "phq-9", 1, 2);
        expect("demo-control", "gad-7", 1, 1);
        expect("demo-negated", "phq-9", 2, 12);
        expect("demo-negated", "gad-7", 0, 0);
        expect("demo-synthea", "phq-9", 2, 11);
        expect("demo-synthea", "gad-7", 1, 6);
        expect("demo-condition-si", "phq-9", 1, 6);
        expect("demo-condition-si", "gad-7", 0, 0);
    }

    @Test
    void demoConditionSiHasAnActiveConfirmedSuicidalIdeationConditionAndAMildPhq9WithItem9AtZero() {
        List<Condition> conditions = ofType(Condition.class);

        assertThat(conditions).singleElement().satisfies(condition -> {
            assertThat(subjectId(condition.getSubject())).isEqualTo("demo-condition-si");
            assertThat(condition.getClinicalStatus().getCodingFirstRep().getCode()).isEqualTo("active");
            assertThat(condition.getVerificationStatus().getCodingFirstRep().getCode()).isEqualTo("confirmed");
            assertThat(condition.getCode().getCoding()).singleElement().satisfies(code -> {
                assertThat(code.getSystem()).isEqualTo("http://snomed.info/sct");
                assertThat(code.getCode()).isEqualTo("6471006");
            });
            assertThat(condition.getRecordedDate()).isBefore(java.util.Date.from(NOW));
        });
        InstrumentResponse phq9 = read("demo-condition-si").responses().getFirst();
        assertThat(phq9.answer(9)).map(InstrumentResponse.AnsweredItem::score).contains(0);
        assertThat(itemSum(phq9)).isEqualTo(6);
    }

    @Test
    void theReaderSeesItem9OnlyInDemoItem9sLatestPhq9() {
        List<InstrumentResponse> phq9 = read("demo-item9").responses().stream()
                .filter(response -> response.instrument().id().equals("phq-9"))
                .sorted(Comparator.comparing(response -> response.recordedAt().orElseThrow()))
                .toList();
        assertThat(phq9).extracting(response -> response.answer(9).orElseThrow().score()).containsExactly(0, 0, 2);
        assertThat(phq9.get(2).answer(9).orElseThrow().answerDisplay()).isEqualTo("More than half the days");
    }

    @Test
    void synthesTotalsAreReadWithoutItems() {
        InstrumentReadings readings = read("demo-synthea");
        assertThat(readings.responses()).allSatisfy(response -> {
            assertThat(response.hasItems()).isFalse();
            assertThat(response.source()).startsWith("Observation/");
        });
    }

    private void expect(String patientId, String instrument, int completions, int latestTotal) {
        InstrumentReadings readings = read(patientId);
        assertThat(readings.unreadableForms()).as("unreadable forms of %s", patientId).isEmpty();
        List<InstrumentResponse> responses = readings.responses().stream()
                .filter(response -> response.instrument().id().equals(instrument))
                .sorted(Comparator.comparing(response -> response.recordedAt().orElseThrow()))
                .toList();
        assertThat(responses).as("%s completions of %s", instrument, patientId).hasSize(completions);
        if (completions == 0) {
            return;
        }
        boolean fromForms = !patientId.equals("demo-synthea");
        assertThat(responses).allSatisfy(response -> assertThat(response.source())
                .startsWith(fromForms ? "QuestionnaireResponse/" : "Observation/"));
        InstrumentResponse latest = responses.get(responses.size() - 1);
        int total = fromForms ? itemSum(latest) : latest.statedTotal().orElseThrow();
        assertThat(total).as("latest %s total of %s", instrument, patientId).isEqualTo(latestTotal);
        assertThat(latest.statedTotal()).isEqualTo(OptionalInt.of(latestTotal));
        if (fromForms) {
            assertThat(latest.answers()).hasSize(latest.instrument().items().size());
            assertThat(latest.unreadableItems()).isEmpty();
        }
    }

    private static int itemSum(InstrumentResponse response) {
        return response.answers().stream().mapToInt(InstrumentResponse.AnsweredItem::score).sum();
    }

    private static InstrumentReadings read(String patientId) {
        return READER.read(recordOf(patientId), BUNDLED);
    }

    private static PatientRecord recordOf(String patientId) {
        Optional<Patient> patient = ofType(Patient.class).stream()
                .filter(candidate -> candidate.getIdElement().getIdPart().equals(patientId)).findFirst();
        assertThat(patient).as("patient %s", patientId).isPresent();
        return new PatientRecord(patientId, patient,
                ofType(QuestionnaireResponse.class).stream()
                        .filter(response -> subjectId(response.getSubject()).equals(patientId)).toList(),
                ofType(Observation.class).stream()
                        .filter(observation -> subjectId(observation.getSubject()).equals(patientId)).toList(),
                ofType(DocumentReference.class).stream()
                        .filter(note -> subjectId(note.getSubject()).equals(patientId)).toList(),
                List.of(), List.of(), List.of());
    }

    private static List<String> notesOf(String patientId) {
        return ofType(DocumentReference.class).stream()
                .filter(note -> subjectId(note.getSubject()).equals(patientId))
                .map(DemoPatientsTest::text).toList();
    }

    private static String text(DocumentReference note) {
        return new String(note.getContentFirstRep().getAttachment().getData(), StandardCharsets.UTF_8);
    }

    private static String subjectId(Reference subject) {
        return subject.getReferenceElement().getIdPart();
    }

    private static <T extends Resource> List<T> ofType(Class<T> type) {
        return DATA.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
