package dev.vouch.fhir.record;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.vouch.fhir.record.Charts.all;
import static dev.vouch.fhir.record.Charts.patient;
import static dev.vouch.fhir.record.Charts.phq9Total;
import static dev.vouch.fhir.record.Charts.response;
import static dev.vouch.fhir.record.Charts.responses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which prefetch keys are read, fetched, reported missing or left as gaps, with the demo FHIR server on loopback. */
class PatientRecordReaderTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String PATIENT = "many";

    private static final PrefetchTemplate PATIENT_TEMPLATE = new PrefetchTemplate("patient", "Patient/{{context.patientId}}");
    private static final PrefetchTemplate RESPONSES = new PrefetchTemplate("questionnaireResponses",
            "QuestionnaireResponse?patient={{context.patientId}}");
    private static final PrefetchTemplate SURVEYS = new PrefetchTemplate("surveyObservations",
            "Observation?patient={{context.patientId}}&category=survey");
    private static final List<PrefetchTemplate> TEMPLATES = List.of(PATIENT_TEMPLATE, RESPONSES, SURVEYS);
    private static final Map<String, String> TOKENS = Map.of("context.patientId", PATIENT);

    private static LoopbackFhirServer server;

    private final PatientRecordReader reader = new PatientRecordReader(
            new FhirServerReader(FHIR, new FetchLimits(10, 1000, Duration.ofSeconds(10))));

    @BeforeAll
    static void startServer() {
        server = LoopbackFhirServer.start(FHIR, all(
                List.of(patient(PATIENT), patient("other")),
                responses(PATIENT, 45),
                responses("other", 3),
                List.of(phq9Total("many-total", PATIENT, 11), phq9Total("other-total", "other", 20))));
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        server.forgetRequests();
    }

    @Test
    void withNoPrefetchEverythingIsFetchedFromTheServerAcrossAllPages() {
        PatientRecord record = reader.read(request(TEMPLATES, Map.of(), withServer()));

        assertThat(record.patient()).get().extracting(patient -> patient.getIdElement().getIdPart()).isEqualTo(PATIENT);
        assertThat(record.questionnaireResponses()).hasSize(45)
                .allSatisfy(response -> assertThat(response.getSubject().getReference()).isEqualTo("Patient/many"));
        assertThat(record.observations()).extracting(observation -> observation.getIdElement().getIdPart())
                .containsExactly("many-total");
        assertThat(record.isComplete()).isTrue();
    }

    @Test
    void aPageLimitLeavesTheRecordIncompleteWithAGapForThatKey() {
        PatientRecordReader limited = new PatientRecordReader(
                new FhirServerReader(FHIR, new FetchLimits(2, 1000, Duration.ofSeconds(10))));

        PatientRecord record = limited.read(request(List.of(RESPONSES), Map.of(), withServer()));

        assertThat(record.questionnaireResponses()).hasSize(40);
        assertThat(record.gaps()).singleElement().satisfies(gap -> {
            assertThat(gap.key()).isEqualTo("questionnaireResponses");
            assertThat(gap.reason()).contains("pages");
        });
    }

    @Test
    void prefetchedDataIsUsedAndNotFetchedAgain() {
        Bundle prefetched = bundle(response("prefetched-1", PATIENT), response("prefetched-2", PATIENT));

        PatientRecord record = reader.read(request(List.of(RESPONSES),
                Map.of("questionnaireResponses", new PrefetchValue.Data(prefetched)), withServer()));

        assertThat(record.questionnaireResponses()).extracting(response -> response.getIdElement().getIdPart())
                .containsExactly("prefetched-1", "prefetched-2");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void onlyTheKeysTheEhrLeftOutAreFetched() {
        PatientRecord record = reader.read(request(TEMPLATES,
                Map.of("patient", new PrefetchValue.Data(patient(PATIENT)),
                        "questionnaireResponses", new PrefetchValue.Data(bundle())),
                withServer()));

        assertThat(server.requests()).singleElement().satisfies(request ->
                assertThat(request.pathAndQuery()).startsWith("/fhir/Observation?"));
        assertThat(record.observations()).hasSize(1);
        assertThat(record.questionnaireResponses()).isEmpty();
    }

    @Test
    void aKeyTheEhrSentAsNullIsNeitherFetchedNorMissing() {
        PatientRecord record = reader.read(request(List.of(RESPONSES),
                Map.of("questionnaireResponses", new PrefetchValue.NoData()), withServer()));

        assertThat(server.requests()).isEmpty();
        assertThat(record.questionnaireResponses()).isEmpty();
        assertThat(record.isComplete()).isTrue();
    }

    @Test
    void aKeyTheEhrSentAsNullNeedsNoServer() {
        PatientRecord record = reader.read(request(List.of(RESPONSES),
                Map.of("questionnaireResponses", new PrefetchValue.NoData()), Optional.empty()));

        assertThat(record.questionnaireResponses()).isEmpty();
        assertThat(record.gaps()).isEmpty();
    }

    @Test
    void aMissingKeyWithoutAServerIsRefusedNamingTheKey() {
        RecordRequest request = request(TEMPLATES,
                Map.of("patient", new PrefetchValue.Data(patient(PATIENT))), Optional.empty());

        assertThatThrownBy(() -> reader.read(request))
                .isInstanceOfSatisfying(MissingDataException.class, missing -> assertThat(missing.missingKeys())
                        .containsExactly("questionnaireResponses", "surveyObservations"))
                .hasMessageContaining("questionnaireResponses")
                .hasMessageContaining("surveyObservations")
                .hasMessageContaining("fhirServer");
    }

    @Test
    void aKeyTheEhrFailedToPrefetchBecomesAGapWhenThereIsNoServer() {
        PatientRecord record = reader.read(request(List.of(RESPONSES),
                Map.of("questionnaireResponses", new PrefetchValue.Failed("HTTP 503 from the EHR")), Optional.empty()));

        assertThat(record.questionnaireResponses()).isEmpty();
        assertThat(record.gaps()).singleElement().satisfies(gap -> {
            assertThat(gap.key()).isEqualTo("questionnaireResponses");
            assertThat(gap.reason()).contains("HTTP 503 from the EHR");
        });
    }

    @Test
    void aKeyTheEhrFailedToPrefetchIsFetchedWhenThereIsAServer() {
        PatientRecord record = reader.read(request(List.of(RESPONSES),
                Map.of("questionnaireResponses", new PrefetchValue.Failed("timeout")), withServer()));

        assertThat(record.questionnaireResponses()).hasSize(45);
        assertThat(record.gaps()).isEmpty();
    }

    @Test
    void aQueryNeedingATokenTheCallDidNotCarryBecomesAGapAndIsNotSent() {
        PrefetchTemplate byPractitioner = new PrefetchTemplate("mine",
                "QuestionnaireResponse?patient={{context.patientId}}&author={{userPractitionerId}}");

        PatientRecord record = reader.read(request(List.of(byPractitioner), Map.of(), withServer()));

        assertThat(server.requests()).isEmpty();
        assertThat(record.gaps()).singleElement().extracting(RecordGap::key).isEqualTo("mine");
    }

    @Test
    void aPrefetchBundleHoldingAnotherPatientsResourceLeavesItOutWithAGap() {
        Bundle prefetched = bundle(response("mine-1", PATIENT), response("theirs-1", "other"), response("mine-2", PATIENT));

        PatientRecord record = reader.read(request(List.of(RESPONSES),
                Map.of("questionnaireResponses", new PrefetchValue.Data(prefetched)), Optional.empty()));

        assertThat(record.questionnaireResponses()).extracting(response -> response.getIdElement().getIdPart())
                .containsExactly("mine-1", "mine-2");
        assertThat(record.gaps()).singleElement().extracting(RecordGap::reason).asString()
                .contains("1 resources about another patient");
    }

    @Test
    void anotherPatientsRecordPrefetchedAsThePatientIsLeftOut() {
        PatientRecord record = reader.read(request(List.of(PATIENT_TEMPLATE),
                Map.of("patient", new PrefetchValue.Data(patient("other"))), Optional.empty()));

        assertThat(record.patient()).isEmpty();
        assertThat(record.isComplete()).isFalse();
    }

    @Test
    void anotherPatientsResourcesReturnedByTheServerAreLeftOutWithAGap() {
        PrefetchTemplate everyResponse = new PrefetchTemplate("allResponses", "QuestionnaireResponse?status=completed");

        PatientRecord record = reader.read(request(List.of(everyResponse), Map.of(), withServer()));

        assertThat(record.questionnaireResponses()).hasSize(45)
                .allSatisfy(response -> assertThat(response.getSubject().getReference()).isEqualTo("Patient/many"));
        assertThat(record.gaps()).singleElement().extracting(RecordGap::reason).asString()
                .contains("3 resources about another patient");
    }

    @Test
    void theSameResourceFromPrefetchAndFromTheServerIsKeptOnce() {
        PatientRecord record = reader.read(request(List.of(RESPONSES, SURVEYS),
                Map.of("questionnaireResponses", new PrefetchValue.Data(bundle(phq9Total("many-total", PATIENT, 11)))),
                withServer()));

        assertThat(record.observations()).hasSize(1);
    }

    @Test
    void aPatientIdThatLooksLikeQuerySyntaxReachesTheServerAsOneEncodedValue() {
        RecordRequest request = new RecordRequest("x&_count=1", List.of(RESPONSES), Map.of(),
                Map.of("context.patientId", "x&_count=1"), withServer());

        PatientRecord record = reader.read(request);

        assertThat(server.requests()).singleElement().extracting(LoopbackFhirServer.Request::pathAndQuery)
                .isEqualTo("/fhir/QuestionnaireResponse?patient=x%26_count%3D1");
        assertThat(record.questionnaireResponses()).isEmpty();
    }

    @Test
    void aDeadServerLeavesGapsForTheKeysItShouldHaveAnswered() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Optional<FhirServerAccess> dead = Optional.of(
                new FhirServerAccess("http://127.0.0.1:" + closedPort + "/fhir", Optional.of("token")));

        PatientRecord record = reader.read(request(TEMPLATES,
                Map.of("patient", new PrefetchValue.Data(patient(PATIENT))), dead));

        assertThat(record.patient()).isPresent();
        assertThat(record.gaps()).extracting(RecordGap::key)
                .containsExactlyInAnyOrder("questionnaireResponses", "surveyObservations");
    }

    private static RecordRequest request(List<PrefetchTemplate> templates, Map<String, PrefetchValue> prefetch,
                                         Optional<FhirServerAccess> fhirServer) {
        return new RecordRequest(PATIENT, templates, prefetch, TOKENS, fhirServer);
    }

    private static Optional<FhirServerAccess> withServer() {
        return Optional.of(new FhirServerAccess(server.baseUrl(), Optional.empty()));
    }

    private static Bundle bundle(Resource... resources) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        for (Resource resource : resources) {
            bundle.addEntry().setResource(resource);
        }
        return bundle;
    }
}
