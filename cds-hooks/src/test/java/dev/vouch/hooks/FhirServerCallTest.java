package dev.vouch.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.testing.Cards;
import dev.vouch.testing.HookCall;
import dev.vouch.testing.LoopbackFhirServer;
import dev.vouch.testing.Prefetch;
import dev.vouch.testing.Records;
import dev.vouch.testing.VouchHttpTest;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static dev.vouch.testing.Cards.PHQ9_ITEM9_RULE;
import static dev.vouch.testing.Cards.PHQ9_SCORE_RULE;
import static dev.vouch.testing.Cards.RECORD_INCOMPLETE_RULE;
import static dev.vouch.testing.Cards.assertWellFormed;
import static dev.vouch.testing.Cards.byRule;
import static dev.vouch.testing.Cards.critical;
import static dev.vouch.testing.Cards.theOneByRule;
import static org.assertj.core.api.Assertions.assertThat;

/** Hook calls that send no (or partial) prefetch, so Vouch reads the record from the EHR's FHIR server. */
class FhirServerCallTest extends VouchHttpTest {

    private static final Instant NOW = Instant.now();
    private static final String PATIENT = "paged";
    private static final String TOKEN = "ehr-granted-token-" + UUID.randomUUID();
    /** More completions than the two pages the server splits them into (20 a page). */
    private static final int COMPLETIONS = 31;

    private static LoopbackFhirServer ehr;

    @BeforeAll
    static void startTheEhrFhirServer() {
        ehr = LoopbackFhirServer.serving(pagedPatientWithItem9OnlyOnTheLastPage());
    }

    @AfterAll
    static void stopTheEhrFhirServer() throws Exception {
        ehr.close();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        ehr.forgetRequests();
    }

    /**
     * A patient with 31 PHQ-9 completions a week apart. The server lists them oldest first, so page 1 holds the
     * 20 oldest (all mild, item 9 "Not at all") and only page 2 holds the newest, which scores 18 with item 9
     * answered "More than half the days".
     */
    private static List<Resource> pagedPatientWithItem9OnlyOnTheLastPage() {
        List<Resource> record = new ArrayList<>();
        record.add(Records.patient(PATIENT));
        // The demo server lists the last stored first, so storing newest first puts the newest on the last page.
        record.add(Records.phq9(completionId(0), PATIENT, completedWeeksAgo(0), 2, 2, 2, 2, 2, 2, 2, 2, 2));
        IntStream.range(1, COMPLETIONS).forEach(week -> record.add(
                Records.phq9(completionId(week), PATIENT, completedWeeksAgo(week), 1, 1, 1, 1, 1, 1, 0, 0, 0)));
        return record;
    }

    @Test
    void withoutPrefetchTheRecordIsReadFromTheFhirServerFollowingEveryPage() {
        JsonNode cards = cardsFor(HookCall.patientView(PATIENT).fhirServer(ehr.baseUrl()).fhirAuthorization(TOKEN));

        assertWellFormed(cards);
        assertThat(byRule(cards, RECORD_INCOMPLETE_RULE)).as("every query was read in full").isEmpty();
        JsonNode phq9 = theOneByRule(cards, PHQ9_SCORE_RULE);
        assertThat(phq9.path("summary").asText())
                .startsWith("PHQ-9 18 (moderately severe) on " + date(completedWeeksAgo(0)))
                .contains("up 12 since " + date(completedWeeksAgo(1)));
        assertThat(phq9.path("detail").asText())
                .contains("`QuestionnaireResponse/" + completionId(0) + "`")
                .contains("`QuestionnaireResponse/" + completionId(5) + "`");
        assertThat(ehr.received()).as("page 2 was requested")
                .anyMatch(request -> request.pathAndQuery().contains("_getpages="));
    }

    @Test
    void item9OnlyOnTheSecondPageStillRaisesTheCriticalCard() {
        JsonNode cards = cardsFor(HookCall.patientView(PATIENT).fhirServer(ehr.baseUrl()).fhirAuthorization(TOKEN));

        List<JsonNode> critical = critical(cards);
        assertThat(critical).hasSize(1);
        assertThat(Cards.rule(critical.getFirst())).isEqualTo(PHQ9_ITEM9_RULE);
        assertThat(critical.getFirst().path("detail").asText()).contains("QuestionnaireResponse/" + completionId(0));
    }

    @Test
    void theAccessTokenReachesTheFhirServerAsABearerHeaderOnEveryRequest() {
        cardsFor(HookCall.patientView(PATIENT).fhirServer(ehr.baseUrl()).fhirAuthorization(TOKEN));

        List<LoopbackFhirServer.Received> received = ehr.received();
        assertThat(received).extracting(LoopbackFhirServer.Received::pathAndQuery)
                .anyMatch(path -> path.startsWith("/fhir/Patient/" + PATIENT))
                .anyMatch(path -> path.startsWith("/fhir/QuestionnaireResponse?"))
                .anyMatch(path -> path.startsWith("/fhir/Observation?"))
                .anyMatch(path -> path.startsWith("/fhir/DocumentReference?"))
                .anyMatch(path -> path.startsWith("/fhir/Condition?"))
                .anyMatch(path -> path.contains("_getpages="));
        assertThat(received).extracting(LoopbackFhirServer.Received::authorization)
                .containsOnly("Bearer " + TOKEN);
    }

    @Test
    void onlyTheKeysThePrefetchLeftOutAreFetchedAndNullKeysAreNot() {
        JsonNode cards = cardsFor(HookCall.patientView(PATIENT).fhirServer(ehr.baseUrl()).fhirAuthorization(TOKEN)
                .prefetch(Prefetch.empty()
                        .resource(Prefetch.PATIENT, Records.patient(PATIENT))
                        .noData(Prefetch.SURVEY_OBSERVATIONS)
                        .noData(Prefetch.NOTES)
                        .noData(Prefetch.CONDITIONS)));

        assertThat(theOneByRule(cards, PHQ9_SCORE_RULE).path("summary").asText()).startsWith("PHQ-9 18");
        assertThat(ehr.received()).extracting(LoopbackFhirServer.Received::pathAndQuery)
                .allMatch(path -> path.startsWith("/fhir/QuestionnaireResponse?") || path.contains("_getpages="))
                .isNotEmpty();
    }

    @Test
    void aKeyTheEhrFailedToPrefetchIsFetchedFromTheFhirServer() {
        JsonNode cards = cardsFor(HookCall.patientView(PATIENT).fhirServer(ehr.baseUrl()).fhirAuthorization(TOKEN)
                .prefetch(Prefetch.empty()
                        .resource(Prefetch.PATIENT, Records.patient(PATIENT))
                        .resource(Prefetch.QUESTIONNAIRE_RESPONSES, Records.prefetchFailed())
                        .noData(Prefetch.SURVEY_OBSERVATIONS)
                        .noData(Prefetch.NOTES)
                        .noData(Prefetch.CONDITIONS)));

        assertThat(byRule(cards, RECORD_INCOMPLETE_RULE)).isEmpty();
        assertThat(critical(cards)).hasSize(1);
        assertThat(ehr.received()).extracting(LoopbackFhirServer.Received::pathAndQuery)
                .anyMatch(path -> path.startsWith("/fhir/QuestionnaireResponse?"));
    }

    @Test
    void anUnreachableFhirServerGivesARecordIncompleteCardNotAnError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        JsonNode cards = cardsFor(HookCall.patientView(PATIENT).fhirServer("http://127.0.0.1:" + closedPort + "/fhir"));

        assertWellFormed(cards);
        JsonNode incomplete = theOneByRule(cards, RECORD_INCOMPLETE_RULE);
        assertThat(incomplete.path("detail").asText())
                .contains("`patient`", "`questionnaireResponses`", "`surveyObservations`", "`notes`", "`conditions`");
        assertThat(critical(cards)).isEmpty();
    }

    @Test
    void theApplicationsOwnDemoFhirServerServesAsTheEhr() {
        JsonNode cards = cardsFor(HookCall.patientView("demo-item9").fhirServer(baseUrl() + "/fhir"));

        assertWellFormed(cards);
        assertThat(byRule(cards, RECORD_INCOMPLETE_RULE)).isEmpty();
        List<JsonNode> critical = critical(cards);
        assertThat(critical).hasSize(1);
        assertThat(Cards.rule(critical.getFirst())).isEqualTo(PHQ9_ITEM9_RULE);
        assertThat(critical.getFirst().path("detail").asText()).contains("QuestionnaireResponse/demo-item9-phq9-4d");
        assertThat(theOneByRule(cards, PHQ9_SCORE_RULE).path("summary").asText())
                .startsWith("PHQ-9 17 (moderately severe)");
    }

    private static String completionId(int weeksAgo) {
        return String.format("paged-phq9-%02d", weeksAgo);
    }

    private static Instant completedWeeksAgo(int weeks) {
        return NOW.minus(Duration.ofDays(1 + 7L * weeks));
    }

    private static LocalDate date(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
