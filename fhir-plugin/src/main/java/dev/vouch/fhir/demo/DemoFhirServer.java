package dev.vouch.fhir.demo;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, read-only FHIR R4 server held in memory: the demo EHR's FHIR endpoint, and the FHIR server that
 * integration tests seed. It pages search results ({@code _count}, default {@value #DEFAULT_PAGE_SIZE}).
 */
public class DemoFhirServer extends RestfulServer {

    public static final int DEFAULT_PAGE_SIZE = 20;
    private static final List<Class<? extends Resource>> TYPES = List.of(Patient.class, QuestionnaireResponse.class,
            Observation.class, DocumentReference.class, Condition.class, Questionnaire.class);

    private final Map<Class<? extends Resource>, ReadOnlyResourceProvider<? extends Resource>> providers =
            new LinkedHashMap<>();

    public DemoFhirServer(FhirContext fhirContext) {
        super(fhirContext);
        TYPES.forEach(type -> providers.put(type, new ReadOnlyResourceProvider<>(fhirContext, type)));
        setResourceProviders(List.copyOf(providers.values()));
        setDefaultResponseEncoding(EncodingEnum.JSON);
        setDefaultPrettyPrint(false);
        FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(200);
        paging.setDefaultPageSize(DEFAULT_PAGE_SIZE);
        paging.setMaximumPageSize(200);
        setPagingProvider(paging);
        setServerName("Vouch demo FHIR server (synthetic data)");
    }

    /** Stores resources of the served types; others are refused. */
    public DemoFhirServer load(Collection<? extends Resource> resources) {
        resources.forEach(this::store);
        return this;
    }

    @SuppressWarnings("unchecked")
    private <T extends Resource> void store(T resource) {
        ReadOnlyResourceProvider<T> provider = (ReadOnlyResourceProvider<T>) providers.get(resource.getClass());
        if (provider == null) {
            throw new IllegalArgumentException("The demo FHIR server does not hold " + resource.fhirType());
        }
        provider.store(resource);
    }
}
