package dev.vouch.testing;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The {@code prefetch} object of a call to {@code mental-health-review}: its five keys, each a FHIR resource (searches
 * as searchset Bundles), {@code null}, or anything else a case needs.
 */
public final class Prefetch {

    public static final String PATIENT = "patient";
    public static final String QUESTIONNAIRE_RESPONSES = "questionnaireResponses";
    public static final String SURVEY_OBSERVATIONS = "surveyObservations";
    public static final String NOTES = "notes";
    public static final String CONDITIONS = "conditions";
    public static final List<String> KEYS =
            List.of(PATIENT, QUESTIONNAIRE_RESPONSES, SURVEY_OBSERVATIONS, NOTES, CONDITIONS);

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ObjectNode prefetch = JsonNodeFactory.instance.objectNode();

    private Prefetch() {
    }

    public static Prefetch empty() {
        return new Prefetch();
    }

    /**
     * All five keys, as an EHR that prefetched everything sends them: the patient, and each search as a Bundle
     * (empty when the record holds none of that type).
     */
    public static Prefetch fullRecord(Collection<? extends Resource> record) {
        Prefetch prefetch = new Prefetch();
        record.stream().filter(Patient.class::isInstance).findFirst().ifPresentOrElse(
                patient -> prefetch.resource(PATIENT, patient), () -> prefetch.noData(PATIENT));
        prefetch.searchset(QUESTIONNAIRE_RESPONSES, ofType(record, QuestionnaireResponse.class));
        prefetch.searchset(SURVEY_OBSERVATIONS, ofType(record, Observation.class));
        prefetch.searchset(NOTES, ofType(record, DocumentReference.class));
        prefetch.searchset(CONDITIONS, ofType(record, Condition.class));
        return prefetch;
    }

    public Prefetch resource(String key, IBaseResource resource) {
        prefetch.set(key, toJson(resource));
        return this;
    }

    public Prefetch searchset(String key, Collection<? extends IBaseResource> resources) {
        return searchsetOfJson(key, resources.stream().map(Prefetch::toJson).toList());
    }

    public Prefetch searchset(String key, IBaseResource... resources) {
        return searchset(key, Arrays.asList(resources));
    }

    /** A searchset Bundle of resources given as JSON (published examples, read as they are). */
    public Prefetch searchsetOfJson(String key, List<JsonNode> resources) {
        ObjectNode bundle = JsonNodeFactory.instance.objectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "searchset");
        bundle.put("total", resources.size());
        ArrayNode entries = bundle.putArray("entry");
        for (JsonNode resource : resources) {
            ObjectNode entry = entries.addObject();
            entry.set("resource", resource);
            entry.putObject("search").put("mode", "match");
        }
        prefetch.set(key, bundle);
        return this;
    }

    /** The key sent with {@code null}: the EHR says there is no such data. */
    public Prefetch noData(String key) {
        prefetch.putNull(key);
        return this;
    }

    public Prefetch noDataForTheRest() {
        KEYS.stream().filter(key -> !prefetch.has(key)).forEach(this::noData);
        return this;
    }

    public Prefetch raw(String key, JsonNode value) {
        prefetch.set(key, value);
        return this;
    }

    JsonNode json() {
        return prefetch.deepCopy();
    }

    private static JsonNode toJson(IBaseResource resource) {
        try {
            return MAPPER.readTree(FHIR.newJsonParser().encodeResourceToString(resource));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("HAPI wrote JSON that Jackson cannot read", e);
        }
    }

    private static <T extends Resource> List<T> ofType(Collection<? extends Resource> record, Class<T> type) {
        return record.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
