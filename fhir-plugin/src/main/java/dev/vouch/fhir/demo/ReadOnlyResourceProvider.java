package dev.vouch.fhir.demo;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.util.FhirTerser;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * An in-memory, read-only FHIR resource type: read by id, and search by patient, category, code and status.
 * Results come newest first (by the order they were stored in reverse), paged by the server.
 */
public final class ReadOnlyResourceProvider<T extends Resource> implements IResourceProvider {

    private final Class<T> type;
    private final FhirTerser terser;
    private final Map<String, T> byId = new ConcurrentHashMap<>();
    private final List<T> inOrder = new java.util.concurrent.CopyOnWriteArrayList<>();

    public ReadOnlyResourceProvider(FhirContext fhirContext, Class<T> type) {
        this.type = type;
        this.terser = fhirContext.newTerser();
    }

    @Override
    public Class<T> getResourceType() {
        return type;
    }

    /** Adds a resource; it must have an id. */
    public void store(T resource) {
        String id = resource.getIdElement().getIdPart();
        if (id == null) {
            throw new IllegalArgumentException(type.getSimpleName() + " without an id cannot be stored");
        }
        if (byId.put(id, resource) == null) {
            inOrder.add(resource);
        } else {
            inOrder.replaceAll(existing -> existing.getIdElement().getIdPart().equals(id) ? resource : existing);
        }
    }

    @Read
    public T read(@IdParam IIdType id) {
        T resource = byId.get(id.getIdPart());
        if (resource == null) {
            throw new ResourceNotFoundException(id);
        }
        return resource;
    }

    @Search(allowUnknownParams = true)
    public IBundleProvider search(
            @Description(shortDefinition = "The patient the resource is about")
            @OptionalParam(name = "patient") ReferenceParam patient,
            @OptionalParam(name = "subject") ReferenceParam subject,
            @OptionalParam(name = "_id") TokenParam id,
            @OptionalParam(name = "category") TokenOrListParam category,
            @OptionalParam(name = "code") TokenOrListParam code,
            @OptionalParam(name = "status") TokenOrListParam status,
            @OptionalParam(name = "clinical-status") TokenOrListParam clinicalStatus) {
        List<Predicate<T>> filters = new ArrayList<>();
        if (patient != null) {
            filters.add(resource -> refersTo(resource, patient));
        }
        if (subject != null) {
            filters.add(resource -> refersTo(resource, subject));
        }
        if (id != null) {
            filters.add(resource -> resource.getIdElement().getIdPart().equals(id.getValue()));
        }
        addTokenFilter(filters, "category", category);
        addTokenFilter(filters, "code", code);
        addTokenFilter(filters, "status", status);
        addTokenFilter(filters, "clinicalStatus", clinicalStatus);
        List<T> matches = new ArrayList<>(inOrder.reversed().stream()
                .filter(resource -> filters.stream().allMatch(filter -> filter.test(resource)))
                .toList());
        SimpleBundleProvider result = new SimpleBundleProvider(List.copyOf(matches));
        result.setSize(matches.size());
        return result;
    }

    private boolean refersTo(T resource, ReferenceParam wanted) {
        if ("Patient".equals(type.getSimpleName())) {
            return resource.getIdElement().getIdPart().equals(wanted.getIdPart());
        }
        return terser.getValues(resource, "subject", IBaseReference.class).stream()
                .map(reference -> reference.getReferenceElement())
                .anyMatch(ref -> wanted.getIdPart().equals(ref.getIdPart())
                        && (ref.getResourceType() == null || "Patient".equals(ref.getResourceType())));
    }

    private void addTokenFilter(List<Predicate<T>> filters, String path, TokenOrListParam tokens) {
        if (tokens == null || tokens.getValuesAsQueryTokens().isEmpty()) {
            return;
        }
        filters.add(resource -> {
            List<IBase> values = terser.getValues(resource, path);
            return tokens.getValuesAsQueryTokens().stream().anyMatch(token -> values.stream()
                    .anyMatch(value -> matches(value, token)));
        });
    }

    private static boolean matches(IBase value, TokenParam token) {
        return switch (value) {
            case CodeableConcept concept -> concept.getCoding().stream().anyMatch(coding -> matches(coding, token));
            case Coding coding -> coding.getCode() != null && coding.getCode().equals(token.getValue())
                    && (token.getSystem() == null || token.getSystem().equals(coding.getSystem()));
            case Enumeration<?> enumeration -> token.getValue().equals(enumeration.getValueAsString());
            default -> false;
        };
    }
}
