package dev.vouch.terminology;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.admin.AdminClient;
import dev.vouch.security.AdminCredential;
import dev.vouch.testing.HookCall;
import dev.vouch.testing.Prefetch;
import dev.vouch.testing.Records;
import dev.vouch.testing.VouchHttpTest;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;

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
    private static final String HOSPITAL_PHQ9 = "https://hospital.example/forms/phq9";
    private static final String HOSPITAL_CODES = "http://hospital.example/codes";
    private static final String CONDITION_SI_RULE = "safety.condition-suicidal-ideation";

    @Autowired
    private AdminCredential admin;

    @Test
    void aLocalPhq9FormIsUnreadableUntilAConceptMapForItsLinkIdsIsPostedAndThenTheNextCallScoresIt() {
        QuestionnaireResponse response = localPhq9("local-form-phq9", "local-form", 2, 2, 2, 2, 1, 1, 1, 1, 2);

        JsonNode before = cardsFor(localFormCall(response));

        assertThat(byRule(before, PHQ9_SCORE_RULE)).as("no PHQ-9 card for a form Vouch cannot read").isEmpty();
        assertThat(critical(before)).isEmpty();

        admin().post(ADMIN + "/ConceptMap", linkIdMap()).resource(201, ConceptMap.class);

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
        admin().put(ADMIN + "/ValueSet/" + id, suicidalIdeation, "W/\"" + version + "\"").resource(200, ValueSet.class);
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
            admin().put(ADMIN + "/ValueSet/" + id, original, "W/\"" + current.getMeta().getVersionId() + "\"")
                    .resource(200, ValueSet.class);
        }
    }

    private AdminClient admin() {
        return AdminClient.withToken(baseUrl(), FhirContext.forR4Cached(), admin.token());
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
            response.addItem().setLinkId("q" + (i + 1)).addAnswer().setValue(Records.FREQUENCY.get(scores[i]).copy());
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
        for (int i = 0; i < Records.PHQ9_ITEMS.size(); i++) {
            group.addElement().setCode("q" + (i + 1)).addTarget().setCode(Records.PHQ9_ITEMS.get(i))
                    .setEquivalence(Enumerations.ConceptMapEquivalence.EQUIVALENT);
        }
        return map;
    }

    private ValueSet currentSuicidalIdeationValueSet() {
        Bundle bundle = admin().get(ADMIN + "/ValueSet?url="
                + URLEncoder.encode(ValueSets.SUICIDAL_IDEATION, StandardCharsets.UTF_8)).resource(200, Bundle.class);
        assertThat(bundle.getEntry()).as("value sets with url %s", ValueSets.SUICIDAL_IDEATION).hasSize(1);
        return (ValueSet) bundle.getEntryFirstRep().getResource();
    }



    private static LocalDate daysAgo(int days) {
        return LocalDate.ofInstant(NOW.minus(Duration.ofDays(days)), ZoneOffset.UTC);
    }
}
