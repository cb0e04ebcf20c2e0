package dev.vouch.fhir.record;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Assembles a {@link PatientRecord} from prefetch, fetching from the EHR's FHIR server what the EHR did not send.
 * Resources about another patient are left out.
 */
public final class PatientRecordReader {

    private final FhirServerReader serverReader;

    public PatientRecordReader(FhirServerReader serverReader) {
        this.serverReader = serverReader;
    }

    /**
     * @throws MissingDataException when prefetch keys are missing and no FHIR server was given
     */
    public PatientRecord read(RecordRequest request) {
        List<IBaseResource> resources = new ArrayList<>();
        List<RecordGap> gaps = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Map<String, String> toFetch = new LinkedHashMap<>();

        for (PrefetchTemplate template : request.templates()) {
            PrefetchValue value = request.prefetch().get(template.key());
            if (value instanceof PrefetchValue.Data data) {
                resources.add(data.resource());
            } else if (value instanceof PrefetchValue.NoData) {
                // The EHR says there is no such data: nothing to read and nothing to fetch.
                continue;
            } else if (request.fhirServer().isPresent()) {
                template.resolve(request.tokenValues()).ifPresentOrElse(
                        query -> toFetch.put(template.key(), query),
                        () -> gaps.add(new RecordGap(template.key(), "its query needs a value this call did not carry")));
            } else if (value instanceof PrefetchValue.Failed failed) {
                gaps.add(new RecordGap(template.key(), "the EHR could not prefetch it: " + failed.reason()));
            } else {
                missing.add(template.key());
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingDataException(missing);
        }
        request.fhirServer().ifPresent(server -> serverReader.fetch(server, toFetch).values().forEach(fetched -> {
            resources.addAll(fetched.resources());
            fetched.gap().ifPresent(gaps::add);
        }));
        return assemble(request.patientId(), resources, gaps);
    }

    private static PatientRecord assemble(String patientId, List<IBaseResource> found, List<RecordGap> gaps) {
        Map<String, Resource> unique = new LinkedHashMap<>();
        int otherPatients = 0;
        for (Resource resource : flatten(found)) {
            if (resource instanceof OperationOutcome) {
                continue;
            }
            if (!isAbout(resource, patientId)) {
                otherPatients++;
                continue;
            }
            String key = resource.hasIdElement() && resource.getIdElement().hasIdPart()
                    ? resource.fhirType() + "/" + resource.getIdElement().getIdPart()
                    : resource.fhirType() + "#" + System.identityHashCode(resource);
            unique.putIfAbsent(key, resource);
        }
        List<RecordGap> allGaps = new ArrayList<>(gaps);
        if (otherPatients > 0) {
            allGaps.add(new RecordGap("prefetch", otherPatients + " resources about another patient were ignored"));
        }
        Optional<Patient> patient = ofType(unique.values(), Patient.class).stream().findFirst();
        return new PatientRecord(patientId, patient,
                ofType(unique.values(), QuestionnaireResponse.class),
                ofType(unique.values(), Observation.class),
                ofType(unique.values(), DocumentReference.class),
                ofType(unique.values(), Condition.class),
                ofType(unique.values(), Questionnaire.class),
                allGaps);
    }

    private static List<Resource> flatten(List<IBaseResource> found) {
        Set<Resource> flat = new LinkedHashSet<>();
        for (IBaseResource resource : found) {
            if (resource instanceof Bundle bundle) {
                bundle.getEntry().stream().filter(Bundle.BundleEntryComponent::hasResource)
                        .forEach(entry -> flat.add(entry.getResource()));
            } else if (resource instanceof Resource plain) {
                flat.add(plain);
            }
        }
        return List.copyOf(flat);
    }

    /** A resource is about the patient when its subject (or, for a Patient, its id) names them. */
    static boolean isAbout(Resource resource, String patientId) {
        if (resource instanceof Patient patient) {
            return !patient.getIdElement().hasIdPart() || patient.getIdElement().getIdPart().equals(patientId);
        }
        Optional<Reference> subject = switch (resource) {
            case QuestionnaireResponse response -> Optional.of(response.getSubject());
            case Observation observation -> Optional.of(observation.getSubject());
            case DocumentReference document -> Optional.of(document.getSubject());
            case Condition condition -> Optional.of(condition.getSubject());
            default -> Optional.empty();
        };
        return subject.filter(Reference::hasReference)
                .map(reference -> reference.getReferenceElement())
                .map(id -> !"Patient".equals(id.getResourceType()) || patientId.equals(id.getIdPart()))
                .orElse(true);
    }

    private static <T extends Resource> List<T> ofType(java.util.Collection<Resource> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
