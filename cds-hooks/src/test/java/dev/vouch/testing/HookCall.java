package dev.vouch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.UUID;

/**
 * The JSON body of a CDS Hooks call, valid by default ({@code patient-view} with a fresh hookInstance), with
 * methods to add what a case needs or to break one field at a time.
 */
public final class HookCall {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode body = NODES.objectNode();

    private HookCall(String patientId) {
        body.put("hook", "patient-view");
        body.put("hookInstance", UUID.randomUUID().toString());
        ObjectNode context = body.putObject("context");
        context.put("userId", "Practitioner/example");
        context.put("patientId", patientId);
    }

    public static HookCall patientView(String patientId) {
        return new HookCall(patientId);
    }

    public HookCall prefetch(Prefetch prefetch) {
        body.set("prefetch", prefetch.json());
        return this;
    }

    public HookCall fhirServer(String baseUrl) {
        body.put("fhirServer", baseUrl);
        return this;
    }

    /** A SMART access token for the EHR's FHIR server, as the EHR grants it for this call. */
    public HookCall fhirAuthorization(String accessToken) {
        ObjectNode authorization = body.putObject("fhirAuthorization");
        authorization.put("access_token", accessToken);
        authorization.put("token_type", "Bearer");
        authorization.put("expires_in", 300);
        authorization.put("scope", "patient/Patient.read patient/QuestionnaireResponse.read "
                + "patient/Observation.read patient/DocumentReference.read");
        authorization.put("subject", "vouch-cds-service");
        return this;
    }

    /** Replaces a field; {@code path} may name a nested field as {@code context.patientId}. */
    public HookCall with(String path, JsonNode value) {
        parentOf(path).set(leaf(path), value);
        return this;
    }

    public HookCall with(String path, String value) {
        return with(path, NODES.textNode(value));
    }

    public HookCall with(String path, int value) {
        return with(path, NODES.numberNode(value));
    }

    public HookCall without(String path) {
        parentOf(path).remove(leaf(path));
        return this;
    }

    public String hookInstance() {
        return body.get("hookInstance").asText();
    }

    public String json() {
        return body.toString();
    }

    private ObjectNode parentOf(String path) {
        ObjectNode node = body;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            node = (ObjectNode) node.get(parts[i]);
        }
        return node;
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
