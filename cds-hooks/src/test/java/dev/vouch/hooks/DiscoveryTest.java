package dev.vouch.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.testing.VouchHttpTest;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DiscoveryTest extends VouchHttpTest {

    @Test
    void discoveryListsMentalHealthReviewFirstOnPatientViewWithItsFivePrefetchTemplates() {
        Reply reply = get("/cds-services");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonNode first = reply.json().path("services").path(0);
        assertThat(first.path("id").asText()).isEqualTo("mental-health-review");
        assertThat(first.path("hook").asText()).isEqualTo("patient-view");
        assertThat(first.path("title").asText()).isNotBlank();
        assertThat(first.path("description").asText()).isNotBlank();
        Map<String, String> prefetch = new LinkedHashMap<>();
        first.path("prefetch").properties().forEach(entry -> prefetch.put(entry.getKey(), entry.getValue().asText()));
        assertThat(prefetch).containsExactly(
                Map.entry("patient", "Patient/{{context.patientId}}"),
                Map.entry("questionnaireResponses", "QuestionnaireResponse?patient={{context.patientId}}"),
                Map.entry("surveyObservations", "Observation?patient={{context.patientId}}&category=survey"),
                Map.entry("notes", "DocumentReference?patient={{context.patientId}}&status=current"),
                Map.entry("conditions",
                        "Condition?patient={{context.patientId}}&clinical-status=active,recurrence,relapse"));
    }
}
