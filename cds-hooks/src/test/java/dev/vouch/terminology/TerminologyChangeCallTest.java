package dev.vouch.terminology;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.security.AdminCredential;
import dev.vouch.testing.HookCall;
import dev.vouch.testing.Prefetch;
import dev.vouch.testing.Records;
import dev.vouch.testing.VouchHttpTest;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import static dev.vouch.testing.Cards.PHQ9_ITEM9_RULE;
import static dev.vouch.testing.Cards.PHQ9_SCORE_RULE;
import static dev.vouch.testing.Cards.assertWellFormed;
import static dev.vouch.testing.Cards.byRule;
import static dev.vouch.testing.Cards.critical;
import static dev.vouch.testing.Cards.theOneByRule;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The terminology issue end to end: an admin changes the configuration over the admin API, and the very next hook
 * call reads the record with it, with no restart.
 */
class TerminologyChangeCallTest extends VouchHttpTest {

    private static final Instant NOW = Instant.now();
    private static final String ADMIN = "/admin/terminology";
    private static final IParser FHIR_JSON = FhirContext.forR4Cached().newJsonParser();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static final String HOSPITAL_PHQ9 = "https://hospital.example/forms/phq9";
    private static final String HOSPITAL_CODES = "http://hospital.example/codes";
    private static final String CONDITION_SI_RULE = "safety.condition-suicidal-ideation";
    private static final List<String> PHQ9_ITEMS = List.of("44250-9", "44255-8", "44259-0", "44254-1", "44251-7",
            "44258-2", "44252-5", "44253-3", "44260-8");
    private static final List<Coding> FREQUENCY = List.of(
            new Coding("http://loinc.org", "LA6568-5", "Not at all"),
            new Coding("http://loinc.org", "LA6569-3", "Several days"),
            new Coding("http://loinc.org", "LA6570-1", "More than half the days"),
            new Coding("http://loinc.org", "LA6571-9", "Nearly every day"));

    @Autowired
    private AdminCredential admin;

    @Test
    void aLocalPhq9FormIsUnreadableUntilAConceptMapForItsLinkIdsIsPostedAndThenTheNextCallScoresIt() {
        QuestionnaireResponse response = localPhq9("local-form-phq9", "local-form", 2, 2, 2, 2, 1, 1, 1, 1, 2);

        JsonNode before = cardsFor(localFormCall(response));

        assertThat(byRule(before, PHQ9_SCORE_RULE)).as("no PHQ-9 card for a form Vouch cannot read").isEmpty();
        assertThat(critical(before)).isEmpty();

        Reply posted = adminSend("POST", ADMIN + "/ConceptMap", encode(linkIdMap()), null);
        assertThat(posted.status()).as("POST ConceptMap; body: %s", posted.body()).isEqualTo(201);

        JsonNode after = cardsFor(localFormCall(response));

        assertWellFormed(after);
        assertThat(theOneByRule(after, PHQ9_SCORE_RULE).path("summary").asText())
                .startsWith("PHQ-9 14 (moderate) on " + daysAgo(2));
        JsonNode item9 = theOneByRule(after, PHQ9_ITEM9_RULE);
        assertThat(item9.path("indicator").asText()).isEqualTo("critical");
        assertThat(item9.path("summary").asText()).contains("PHQ-9 item 9", "More than half the days");
        assertThat(item9.path("detail").asText()).contains("QuestionnaireResponse/local-form-phq9", "item `q9`");
        assertThat(critical(after)).hasSize(1);
    }

    @Test
    void aLocalCodeAddedToTheSuicidalIdeationValueSetMakesTheNextCallRaiseTheCriticalCardCitingTheCondition() {
        Condition local = Records.activeCondition("local-si-7", "local-code", NOW.minus(Duration.ofDays(10)),
                HOSPITAL_CODES, "SI-LOCAL-7", "Suicidal thoughts (hospital code)");

        JsonNode before = cardsFor(localCodeCall(local));

        assertThat(critical(before)).isEmpty();
        assertThat(byRule(before, CONDITION_SI_RULE)).isEmpty();

        ValueSet suicidalIdeation = currentSuicidalIdeationValueSet();
        String id = suicidalIdeation.getIdElement().getIdPart();
        String version = suicidalIdeation.getMeta().getVersionId();
        ValueSet original = suicidalIdeation.copy();
        suicidalIdeation.getCompose().addInclude().setSystem(HOSPITAL_CODES).addConcept().setCode("SI-LOCAL-7")
                .setDisplay("Suicidal thoughts (hospital code)");
        Reply put = adminSend("PUT", ADMIN + "/ValueSet/" + id, encode(suicidalIdeation), "W/\"" + version + "\"");
        assertThat(put.status()).as("PUT ValueSet; body: %s", put.body()).isEqualTo(200);
        try {
            JsonNode after = cardsFor(localCodeCall(local));

            assertWellFormed(after);
            JsonNode card = theOneByRule(after, CONDITION_SI_RULE);
            assertThat(card.path("indicator").asText()).isEqualTo("critical");
            assertThat(card.path("summary").asText()).contains("Suicidal thoughts (hospital code)");
            assertThat(card.path("detail").asText())
                    .contains("Condition/local-si-7", "SI-LOCAL-7", HOSPITAL_CODES)
                    .contains("same-day suicide risk assessment", "988");
            assertThat(card.path("links")).extracting(link -> link.path("url").asText())
                    .contains("https://988lifeline.org");
        } finally {
            // The suite shares one database: leave the bundled value set as the other tests expect it.
            ValueSet current = currentSuicidalIdeationValueSet();
            original.getMeta().setVersionId(null);
            adminSend("PUT", ADMIN + "/ValueSet/" + id, encode(original),
                    "W/\"" + current.getMeta().getVersionId() + "\"");
        }
    }

    private HookCall localFormCall(QuestionnaireResponse response) {
        return HookCall.patientView("local-form").prefetch(Prefetch.empty()
                .resource(Prefetch.PATIENT, Records.patient("local-form"))
                .searchset(Prefetch.QUESTIONNAIRE_RESPONSES, response)
                .noDataForTheRest());
    }

    private HookCall localCodeCall(Condition condition) {
        return HookCall.patientView("local-code").prefetch(Prefetch.empty()
                .resource(Prefetch.PATIENT, Records.patient("local-code"))
                .searchset(Prefetch.CONDITIONS, condition)
                .noDataForTheRest());
    }

    /** A response to the hospital's own PHQ-9 form, version 3, whose linkIds are q1..q9 and say nothing. */
    private static QuestionnaireResponse localPhq9(String id, String patientId, int... scores) {
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setId(id);
        response.setQuestionnaire(HOSPITAL_PHQ9 + "|3");
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        response.setSubject(new Reference("Patient/" + patientId));
        response.setAuthoredElement(new DateTimeType(Date.from(NOW.minus(Duration.ofDays(2)))));
        for (int i = 0; i < scores.length; i++) {
            response.addItem().setLinkId("q" + (i + 1)).addAnswer().setValue(FREQUENCY.get(scores[i]).copy());
        }
        return response;
    }

    /** The hospital's map of its PHQ-9 form's linkIds to LOINC item codes. */
    private static ConceptMap linkIdMap() {
        ConceptMap map = new ConceptMap();
        map.setUrl("https://hospital.example/fhir/ConceptMap/phq9-linkids");
        map.setName("HospitalPhq9LinkIds");
        map.setStatus(Enumerations.PublicationStatus.ACTIVE);
        ConceptMap.ConceptMapGroupComponent group = map.addGroup().setSource(HOSPITAL_PHQ9)
                .setTarget("http://loinc.org");
        for (int i = 0; i < PHQ9_ITEMS.size(); i++) {
            group.addElement().setCode("q" + (i + 1)).addTarget().setCode(PHQ9_ITEMS.get(i))
                    .setEquivalence(Enumerations.ConceptMapEquivalence.EQUIVALENT);
        }
        return map;
    }

    private ValueSet currentSuicidalIdeationValueSet() {
        Reply search = adminSend("GET", ADMIN + "/ValueSet?url="
                + URLEncoder.encode(ValueSets.SUICIDAL_IDEATION, StandardCharsets.UTF_8), null, null);
        assertThat(search.status()).as("search for the suicidal-ideation value set; body: %s", search.body())
                .isEqualTo(200);
        Bundle bundle = FHIR_JSON.parseResource(Bundle.class, search.body());
        assertThat(bundle.getEntry()).as("value sets with url %s", ValueSets.SUICIDAL_IDEATION).hasSize(1);
        return (ValueSet) bundle.getEntryFirstRep().getResource();
    }

    private static String encode(org.hl7.fhir.r4.model.Resource resource) {
        return FHIR_JSON.encodeResourceToString(resource);
    }

    /** An admin API call with the admin bearer token; {@code body} and {@code ifMatch} may be null. */
    private Reply adminSend(String method, String path, String body, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + admin.token())
                .header("Accept", "application/fhir+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/fhir+json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static LocalDate daysAgo(int days) {
        return LocalDate.ofInstant(NOW.minus(Duration.ofDays(days)), ZoneOffset.UTC);
    }
}
