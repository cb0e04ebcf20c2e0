package dev.vouch.fhir.record;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.vouch.fhir.record.Charts.all;
import static dev.vouch.fhir.record.Charts.patient;
import static dev.vouch.fhir.record.Charts.phq9Total;
import static dev.vouch.fhir.record.Charts.responses;
import static org.assertj.core.api.Assertions.assertThat;

/** The FHIR server reader against the demo FHIR server on loopback, which pages search results by 20. */
class FhirServerReaderTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String RESPONSES_OF_MANY = "QuestionnaireResponse?patient=many";
    private static final Duration GENEROUS = Duration.ofSeconds(10);
    private static final String KEY = "questionnaireResponses";

    private static LoopbackFhirServer server;

    @BeforeAll
    static void startServer() {
        server = LoopbackFhirServer.start(FHIR, all(
                List.of(patient("many"), patient("other")),
                responses("many", 45),
                responses("other", 3),
                List.of(phq9Total("many-total", "many", 11), phq9Total("other-total", "other", 20))));
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
    void followsEveryPageAndReturnsAllFortyFiveResponses() {
        FhirServerReader.Fetched fetched = fetchOne(new FetchLimits(10, 1000, GENEROUS), RESPONSES_OF_MANY);

        assertThat(fetched.gap()).isEmpty();
        assertThat(ids(fetched.resources())).hasSize(45).doesNotHaveDuplicates().allMatch(id -> id.startsWith("many-qr-"));
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void stopsAfterTheMaximumNumberOfPagesWithAGapThatSaysSo() {
        FhirServerReader.Fetched fetched = fetchOne(new FetchLimits(2, 1000, GENEROUS), RESPONSES_OF_MANY);

        assertThat(fetched.resources()).hasSize(40);
        assertThat(fetched.gap()).get().satisfies(gap -> {
            assertThat(gap.key()).isEqualTo(KEY);
            assertThat(gap.reason()).contains("2 pages");
        });
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void stopsAtTheMaximumNumberOfResourcesWithAGapThatSaysSo() {
        FhirServerReader.Fetched fetched = fetchOne(new FetchLimits(10, 30, GENEROUS), RESPONSES_OF_MANY);

        assertThat(fetched.resources()).hasSize(30);
        assertThat(fetched.gap()).get().extracting(RecordGap::reason).asString().contains("30 resources");
    }

    @Test
    void exactlyTheMaximumNumberOfResourcesIsCompleteWithNoGap() {
        FhirServerReader.Fetched fetched = fetchOne(new FetchLimits(10, 45, GENEROUS), RESPONSES_OF_MANY);

        assertThat(fetched.resources()).hasSize(45);
        assertThat(fetched.gap()).isEmpty();
    }

    @Test
    void aBaseUrlWithATrailingSlashStillFollowsThePages() {
        FhirServerReader reader = new FhirServerReader(FHIR, new FetchLimits(10, 1000, GENEROUS));

        FhirServerReader.Fetched fetched = reader.fetch(new FhirServerAccess(server.baseUrl() + "/", Optional.empty()),
                Map.of("responses", RESPONSES_OF_MANY)).get("responses");

        assertThat(fetched.gap()).isEmpty();
        assertThat(fetched.resources()).hasSize(45);
    }

    @Test
    void aResourceReferenceIsReadById() {
        FhirServerReader.Fetched fetched = fetchOne(FetchLimits.defaults(), "Patient/many");

        assertThat(fetched.gap()).isEmpty();
        assertThat(fetched.resources()).singleElement().isInstanceOfSatisfying(Patient.class,
                patient -> assertThat(patient.getIdElement().getIdPart()).isEqualTo("many"));
    }

    @Test
    void aResourceTheServerDoesNotHaveBecomesAGapWithTheHttpStatus() {
        FhirServerReader.Fetched fetched = fetchOne(FetchLimits.defaults(), "Patient/nobody");

        assertThat(fetched.resources()).isEmpty();
        assertThat(fetched.gap()).get().extracting(RecordGap::reason).asString().contains("HTTP 404");
    }

    @Test
    void severalKeysAreEachAnsweredUnderTheirOwnKey() {
        FhirServerReader reader = new FhirServerReader(FHIR, new FetchLimits(10, 1000, GENEROUS));

        Map<String, FhirServerReader.Fetched> fetched = reader.fetch(access(Optional.empty()), Map.of(
                "patient", "Patient/many",
                "responses", RESPONSES_OF_MANY,
                "surveyObservations", "Observation?patient=many&category=survey"));

        assertThat(fetched).containsOnlyKeys("patient", "responses", "surveyObservations");
        assertThat(fetched.get("patient").resources()).hasSize(1);
        assertThat(fetched.get("responses").resources()).hasSize(45);
        assertThat(ids(fetched.get("surveyObservations").resources())).containsExactly("many-total");
        assertThat(fetched.values()).allSatisfy(one -> assertThat(one.gap()).isEmpty());
    }

    @Test
    void theBearerTokenIsSentWithEveryRequestIncludingLaterPages() {
        FhirServerReader reader = new FhirServerReader(FHIR, new FetchLimits(10, 1000, GENEROUS));

        reader.fetch(access(Optional.of("opaque-token-123")), Map.of("responses", RESPONSES_OF_MANY));

        assertThat(server.requests()).hasSize(3).allSatisfy(request ->
                assertThat(request.authorization()).isEqualTo("Bearer opaque-token-123"));
    }

    @Test
    void withoutATokenNoAuthorizationHeaderIsSent() {
        fetchOne(FetchLimits.defaults(), "Patient/many");

        assertThat(server.requests()).singleElement()
                .satisfies(request -> assertThat(request.authorization()).isNull());
    }

    @Test
    void aServerThatIsNotListeningYieldsAGapNotAnException() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        FetchLimits limits = new FetchLimits(10, 1000, Duration.ofSeconds(2));
        FhirServerReader reader = new FhirServerReader(FHIR, limits);

        long started = System.nanoTime();
        Map<String, FhirServerReader.Fetched> fetched = reader.fetch(
                new FhirServerAccess("http://127.0.0.1:" + closedPort + "/fhir", Optional.empty()),
                Map.of("patient", "Patient/many", "responses", RESPONSES_OF_MANY));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isLessThan(limits.timeout().plusSeconds(1));
        assertThat(fetched).containsOnlyKeys("patient", "responses");
        assertThat(fetched.values()).allSatisfy(one -> {
            assertThat(one.resources()).isEmpty();
            assertThat(one.gap()).get().extracting(RecordGap::reason).asString()
                    .startsWith("the FHIR server could not be")
                    .doesNotContain("answered");
        });
    }

    @Test
    void aServerThatNeverAnswersYieldsAGapWithinTheTimeout() throws IOException {
        FetchLimits limits = new FetchLimits(10, 1000, Duration.ofMillis(500));
        FhirServerReader reader = new FhirServerReader(FHIR, limits);
        // Connections are accepted by the kernel into the backlog, but nothing ever reads or answers them.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            long started = System.nanoTime();
            Map<String, FhirServerReader.Fetched> fetched = reader.fetch(
                    new FhirServerAccess("http://127.0.0.1:" + silent.getLocalPort() + "/fhir", Optional.empty()),
                    Map.of("responses", RESPONSES_OF_MANY));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).isLessThan(Duration.ofSeconds(3));
            assertThat(fetched.get("responses").resources()).isEmpty();
            assertThat(fetched.get("responses").gap()).isPresent();
        }
    }

    @Test
    void noQueriesMeansNoRequests() {
        FhirServerReader reader = new FhirServerReader(FHIR, FetchLimits.defaults());

        assertThat(reader.fetch(access(Optional.empty()), Map.of())).isEmpty();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aNextPageOnTheSameServerIsRecognisedAndOneElsewhereIsNot() {
        String base = "https://ehr.example.org/fhir";

        assertThat(FhirServerReader.sameServer(base, base + "?_getpages=abc")).isTrue();
        assertThat(FhirServerReader.sameServer(base + "/", base + "/QuestionnaireResponse?page=2")).isTrue();
        assertThat(FhirServerReader.sameServer(base, "https://ehr.example.org/fhir-other?page=2")).isFalse();
        assertThat(FhirServerReader.sameServer(base, "https://attacker.example.com/fhir?page=2")).isFalse();
        assertThat(FhirServerReader.sameServer(base, "https://ehr.example.org/fhir.attacker.example.com/x")).isFalse();
    }

    private static FhirServerReader.Fetched fetchOne(FetchLimits limits, String query) {
        return new FhirServerReader(FHIR, limits).fetch(access(Optional.empty()), Map.of(KEY, query)).get(KEY);
    }

    private static FhirServerAccess access(Optional<String> token) {
        return new FhirServerAccess(server.baseUrl(), token);
    }

    private static List<String> ids(List<IBaseResource> resources) {
        return resources.stream().map(resource -> resource.getIdElement().getIdPart()).toList();
    }
}
