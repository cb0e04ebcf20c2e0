package dev.vouch.hooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vouch.fhir.record.FhirServerAccess;
import dev.vouch.fhir.record.PrefetchValue;
import dev.vouch.fhir.record.RecordRequest;
import dev.vouch.protocol.CdsRequest;
import dev.vouch.protocol.FhirAuthorization;
import dev.vouch.protocol.ProtocolException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Checks a hook call against the CDS Hooks 2.0 rules and the service it is addressed to, and turns its prefetch
 * into parsed FHIR resources. Every failure is a 400 that names the field and what it must be.
 */
@Component
public class HookCallValidator {

    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private final FhirContext fhirContext;
    private final ObjectMapper mapper;

    public HookCallValidator(FhirContext fhirContext, ObjectMapper mapper) {
        this.fhirContext = fhirContext;
        this.mapper = mapper;
    }

    /** A call that passed validation: its context and what is needed to read the record. */
    public record ValidatedCall(HookContext context, RecordRequest recordRequest) {
    }

    public ValidatedCall validate(CdsService service, CdsRequest request) {
        String hook = required(request.hook(), "hook");
        if (!service.hooks().contains(hook)) {
            throw ProtocolException.badRequest("Service '" + service.id() + "' does not serve hook '" + hook
                    + "'; it serves " + service.hooks());
        }
        String hookInstance = required(request.hookInstance(), "hookInstance");
        try {
            UUID.fromString(hookInstance);
        } catch (IllegalArgumentException notUuid) {
            throw ProtocolException.badRequest("Field 'hookInstance' must be a UUID");
        }
        if (request.context() == null) {
            throw ProtocolException.badRequest("Field 'context' is required and must be a JSON object");
        }
        String userId = contextString(request.context(), "userId", true).orElseThrow();
        String patientId = contextString(request.context(), "patientId", true).orElseThrow();
        if (!FHIR_ID.matcher(patientId).matches()) {
            throw ProtocolException.badRequest("Field 'context.patientId' must be a FHIR id (letters, digits, '-', '.';"
                    + " at most 64 characters)");
        }
        Optional<String> encounterId = contextString(request.context(), "encounterId", false);
        Optional<FhirServerAccess> server = fhirServer(request);

        HookContext context = new HookContext(service.id(), hook, hookInstance, userId, patientId, encounterId);
        RecordRequest recordRequest = new RecordRequest(patientId, service.prefetch(), prefetch(request.prefetch()),
                tokenValues(request.context(), userId), server);
        return new ValidatedCall(context, recordRequest);
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ProtocolException.badRequest("Field '" + field + "' is required");
        }
        return value;
    }

    private static Optional<String> contextString(Map<String, JsonNode> context, String field, boolean required) {
        JsonNode value = context.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw ProtocolException.badRequest("Field 'context." + field + "' is required for this hook");
            }
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw ProtocolException.badRequest("Field 'context." + field + "' must be a non-empty string");
        }
        return Optional.of(value.asText());
    }

    private static Optional<FhirServerAccess> fhirServer(CdsRequest request) {
        FhirAuthorization authorization = request.fhirAuthorization();
        if (request.fhirServer() == null) {
            if (authorization != null) {
                throw ProtocolException.badRequest("Field 'fhirServer' is required when 'fhirAuthorization' is sent");
            }
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(request.fhirServer());
        } catch (IllegalArgumentException e) {
            throw ProtocolException.badRequest("Field 'fhirServer' must be an absolute http or https URL");
        }
        if (!uri.isAbsolute() || uri.getHost() == null
                || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw ProtocolException.badRequest("Field 'fhirServer' must be an absolute http or https URL");
        }
        if (authorization == null) {
            return Optional.of(new FhirServerAccess(request.fhirServer(), Optional.empty()));
        }
        required(authorization.accessToken(), "fhirAuthorization.access_token");
        String tokenType = required(authorization.tokenType(), "fhirAuthorization.token_type");
        if (!"Bearer".equalsIgnoreCase(tokenType)) {
            throw ProtocolException.badRequest("Field 'fhirAuthorization.token_type' must be 'Bearer'");
        }
        if (authorization.expiresIn() == null) {
            throw ProtocolException.badRequest("Field 'fhirAuthorization.expires_in' is required");
        }
        required(authorization.scope(), "fhirAuthorization.scope");
        required(authorization.subject(), "fhirAuthorization.subject");
        return Optional.of(new FhirServerAccess(request.fhirServer(), Optional.of(authorization.accessToken())));
    }

    private Map<String, PrefetchValue> prefetch(Map<String, JsonNode> prefetch) {
        if (prefetch == null) {
            return Map.of();
        }
        IParser parser = fhirContext.newJsonParser();
        Map<String, PrefetchValue> values = new LinkedHashMap<>();
        prefetch.forEach((key, node) -> values.put(key, prefetchValue(parser, key, node)));
        return values;
    }

    private PrefetchValue prefetchValue(IParser parser, String key, JsonNode node) {
        if (node == null || node.isNull()) {
            return new PrefetchValue.NoData();
        }
        if (!node.isObject() || !node.hasNonNull("resourceType")) {
            throw ProtocolException.badRequest("Prefetch '" + key + "' must be a FHIR resource (a JSON object with "
                    + "resourceType) or null");
        }
        IBaseResource resource;
        try {
            resource = parser.parseResource(mapper.writeValueAsString(node));
        } catch (DataFormatException | JsonProcessingException e) {
            throw ProtocolException.badRequest("Prefetch '" + key + "' is not a valid FHIR R4 resource");
        }
        if (resource instanceof OperationOutcome outcome) {
            String codes = outcome.getIssue().stream().map(issue -> issue.getCode() == null ? "unknown"
                    : issue.getCode().toCode()).distinct().toList().toString();
            return new PrefetchValue.Failed("OperationOutcome " + codes);
        }
        return new PrefetchValue.Data(resource);
    }

    private static Map<String, String> tokenValues(Map<String, JsonNode> context, String userId) {
        Map<String, String> tokens = new HashMap<>();
        context.forEach((name, value) -> {
            if (value != null && value.isValueNode() && !value.isNull()) {
                tokens.put("context." + name, value.asText());
            }
        });
        for (String type : List.of("Practitioner", "PractitionerRole", "Patient", "RelatedPerson")) {
            if (userId.startsWith(type + "/")) {
                tokens.put("user" + type + "Id", userId.substring(type.length() + 1));
            }
        }
        return tokens;
    }
}
