package dev.vouch.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vouch.testing.HookCall;
import dev.vouch.testing.Prefetch;
import dev.vouch.testing.Records;
import dev.vouch.testing.VouchHttpTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/** Calls Vouch must refuse: the right status, and a JSON body that says what was wrong and leaks nothing. */
class HookCallErrorTest extends VouchHttpTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static Stream<Arguments> malformedCalls() {
        return Stream.of(
                argumentSet("malformed JSON", "{\"hook\": \"patient-view\", ", "not valid JSON"),
                argumentSet("empty body", "", "body is empty"),
                argumentSet("a JSON array as body", "[]", "must be a JSON object"),
                argumentSet("hook as a number", valid().with("hook", 42).json(), "'hook' must be a string"),
                argumentSet("hookInstance missing", valid().without("hookInstance").json(), "'hookInstance'"),
                argumentSet("hookInstance not a UUID", valid().with("hookInstance", "call-17").json(),
                        "'hookInstance' must be a UUID"),
                argumentSet("context missing", valid().without("context").json(), "'context'"),
                argumentSet("context a string", valid().with("context", "patient-17").json(),
                        "'context' must be a JSON object"),
                argumentSet("context.patientId missing", valid().without("context.patientId").json(),
                        "'context.patientId'"),
                argumentSet("hook the service does not serve", valid().with("hook", "order-sign").json(),
                        "does not serve hook 'order-sign'"),
                argumentSet("fhirAuthorization without fhirServer", valid().fhirAuthorization("token").json(),
                        "'fhirServer' is required when 'fhirAuthorization' is sent"),
                argumentSet("fhirServer not a URL", valid().fhirServer("not a url").json(),
                        "'fhirServer' must be an absolute http or https URL"),
                argumentSet("prefetch value not a FHIR resource", valid().prefetch(Prefetch.empty()
                                .raw(Prefetch.PATIENT, NODES.textNode("Patient/error-cases")).noDataForTheRest()).json(),
                        "Prefetch 'patient' must be a FHIR resource"));
    }

    @ParameterizedTest
    @MethodSource("malformedCalls")
    void aMalformedCallIsABadRequestThatNamesTheProblem(String body, String namesTheProblem) {
        Reply reply = post(SERVICE_PATH, body);

        assertError(reply, 400, "bad-request", namesTheProblem);
    }

    @Test
    void missingPrefetchWithNoFhirServerIsPreconditionFailedListingTheMissingKeys() {
        Reply reply = post(SERVICE_PATH, valid().json());

        JsonNode body = assertError(reply, 412, "missing-prefetch", "fhirServer");
        assertThat(body.path("details")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrderElementsOf(Prefetch.KEYS);
    }

    @Test
    void partialPrefetchWithNoFhirServerListsOnlyTheKeysLeftOut() {
        Reply reply = post(SERVICE_PATH, valid().prefetch(Prefetch.empty()
                .resource(Prefetch.PATIENT, Records.patient("error-cases"))
                .noData(Prefetch.NOTES)).json());

        JsonNode body = assertError(reply, 412, "missing-prefetch", "questionnaireResponses");
        assertThat(body.path("details")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(Prefetch.QUESTIONNAIRE_RESPONSES, Prefetch.SURVEY_OBSERVATIONS,
                        Prefetch.CONDITIONS);
    }

    @Test
    void anUnknownServiceIdIsNotFound() {
        Reply reply = post("/cds-services/no-such-service", valid().json());

        assertError(reply, 404, "unknown-service", "no-such-service");
    }

    @Test
    void getOnTheServiceUrlIsMethodNotAllowed() {
        Reply reply = get(SERVICE_PATH);

        assertError(reply, 405, "method-not-allowed", "GET");
    }

    @Test
    void anUnknownPathIsNotFound() {
        Reply reply = get("/no-such-endpoint");

        assertError(reply, 404, "not-found", "No such endpoint");
    }

    private static HookCall valid() {
        return HookCall.patientView("error-cases");
    }

    private static JsonNode assertError(Reply reply, int status, String error, String namesTheProblem) {
        assertThat(reply.status()).as("status; body: %s", reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonNode body = reply.json();
        assertThat(body.path("error").asText()).isEqualTo(error);
        assertThat(body.path("message").asText()).contains(namesTheProblem);
        assertThat(reply.body()).doesNotContain("Exception", "at dev.vouch", "at org.", "at java.");
        return body;
    }
}
