package dev.vouch.admin;

import dev.vouch.terminology.ValueSets;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole configuration in one Bundle: import is all or nothing; export can be imported again. */
class ImportExportTest extends AdminApiTest {

    @ParameterizedTest
    @EnumSource(value = Bundle.BundleType.class, names = {"TRANSACTION", "BATCH", "COLLECTION"})
    void importStoresEveryEntryAndAnswersATransactionResponseWithTheirLocations(Bundle.BundleType type) {
        CodeSystem codes = Resources.codeSystem(Resources.freshUrl("CodeSystem"), "a", "Alpha");
        ValueSet valueSet = Resources.valueSet(Resources.freshUrl("ValueSet"), codes.getUrl(), "a");

        Bundle response = admin().post(ADMIN, bundle(type, codes, valueSet)).resource(200, Bundle.class);

        assertThat(response.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
        assertThat(response.getEntry()).extracting(entry -> entry.getResponse().getStatus())
                .containsExactly("201 Created", "201 Created");
        String location = response.getEntry().get(1).getResponse().getLocation();
        assertThat(location).startsWith("ValueSet/").endsWith("/_history/1");
        ValueSet stored = admin().get(ADMIN + "/" + location).resource(200, ValueSet.class);
        assertThat(stored.getUrl()).isEqualTo(valueSet.getUrl());
        assertThat(searchByUrl("CodeSystem", codes.getUrl()).getTotal()).isEqualTo(1);
    }

    @Test
    void importWithOneInvalidEntryIsRefusedWithTheValidatorsReasonAndStoresNothing() {
        ValueSet first = Resources.valueSet(Resources.freshUrl("ValueSet"), Resources.SNOMED, "35489007");
        CodeSystem second = Resources.codeSystem(Resources.freshUrl("CodeSystem"), "a", "Alpha");
        ValueSet withoutStatus = Resources.valueSet(Resources.freshUrl("ValueSet"), Resources.SNOMED, "35489007");
        withoutStatus.setStatus(null);

        AdminClient.Answer refused = admin().post(ADMIN,
                bundle(Bundle.BundleType.COLLECTION, first, second, withoutStatus));

        OperationOutcome outcome = refused.outcome(422);
        assertThat(outcome.getIssue()).anySatisfy(issue -> {
            assertThat(issue.getDiagnostics()).contains("ValueSet.status");
            assertThat(issue.getExpression()).anySatisfy(expression ->
                    assertThat(expression.getValue()).startsWith("Bundle.entry[2]"));
        });
        assertThat(searchByUrl("ValueSet", first.getUrl()).getTotal()).isZero();
        assertThat(searchByUrl("CodeSystem", second.getUrl()).getTotal()).isZero();
        assertThat(searchByUrl("ValueSet", withoutStatus.getUrl()).getTotal()).isZero();
    }

    @Test
    void importThatFailsInTheDatabaseHalfwayRollsBackTheEntriesBeforeIt() {
        ValueSet edited = create(Resources.valueSet(Resources.freshUrl("ValueSet"), Resources.SNOMED, "35489007"));
        ValueSet other = create(Resources.valueSet(Resources.freshUrl("ValueSet"), Resources.SNOMED, "35489007"));
        CodeSystem fresh = Resources.codeSystem(Resources.freshUrl("CodeSystem"), "a", "Alpha");
        // Valid FHIR, refused by the store: a new version of one value set claiming the other's canonical URL.
        ValueSet clash = edited.copy();
        clash.setUrl(other.getUrl());

        AdminClient.Answer refused = admin().post(ADMIN, bundle(Bundle.BundleType.BATCH, fresh, clash));

        assertThat(refused.diagnostics(409)).contains(other.getUrl());
        assertThat(searchByUrl("CodeSystem", fresh.getUrl()).getTotal()).isZero();
        assertThat(admin().get(pathOf(edited)).resource(200, ValueSet.class).getUrl()).isEqualTo(edited.getUrl());
    }

    @Test
    void importRefusesEntriesThatAreNotTerminologyAndBundlesOfOtherTypes() {
        Bundle withPatient = bundle(Bundle.BundleType.COLLECTION,
                Resources.valueSet(Resources.freshUrl("ValueSet"), Resources.SNOMED, "35489007"),
                new Patient().setActive(true));
        Bundle searchset = bundle(Bundle.BundleType.SEARCHSET, Resources.codeSystem(Resources.freshUrl("CodeSystem")));

        assertThat(admin().post(ADMIN, withPatient).diagnostics(422)).contains("Patient");
        assertThat(admin().post(ADMIN, searchset).diagnostics(400)).contains("batch, transaction or collection");
        assertThat(admin().post(ADMIN, Resources.codeSystem(Resources.freshUrl("CodeSystem"))).diagnostics(400))
                .contains("POST it to " + ADMIN + "/CodeSystem");
    }

    @Test
    void exportHoldsTheBundledValueSetsAndRetiredResourcesInACollection() {
        ValueSet retired = create(Resources.valueSet(Resources.freshUrl("ValueSet"), Resources.SNOMED, "35489007"));
        admin().delete(pathOf(retired), null).resource(200, ValueSet.class);

        Bundle export = admin().get(ADMIN + "/$export").resource(200, Bundle.class);

        assertThat(export.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        List<MetadataResource> resources = export.getEntry().stream()
                .map(entry -> (MetadataResource) entry.getResource()).toList();
        assertThat(resources).extracting(MetadataResource::getUrl)
                .contains(ValueSets.DEPRESSION, ValueSets.ANXIETY, ValueSets.SUICIDAL_IDEATION);
        assertThat(resources).filteredOn(resource -> retired.getUrl().equals(resource.getUrl()))
                .singleElement()
                .satisfies(resource -> assertThat(resource.getStatus()).isEqualTo(PublicationStatus.RETIRED));
        assertThat(export.getEntry()).allSatisfy(entry -> assertThat(entry.getFullUrl()).contains(ADMIN + "/"));
    }

    @Test
    void anExportImportedAgainStoresANewVersionOfEachResourceAndChangesNoContent() {
        ValueSet mine = create(Resources.valueSet(Resources.freshUrl("ValueSet"), Resources.SNOMED, "35489007"));
        Bundle export = admin().get(ADMIN + "/$export").resource(200, Bundle.class);

        Bundle response = admin().post(ADMIN, export).resource(200, Bundle.class);

        assertThat(response.getEntry()).hasSize(export.getEntry().size());
        assertThat(response.getEntry()).allSatisfy(entry ->
                assertThat(entry.getResponse().getStatus()).isEqualTo("200 OK"));
        ValueSet again = admin().get(pathOf(mine)).resource(200, ValueSet.class);
        assertThat(again.getMeta().getVersionId()).isEqualTo("2");
        assertThat(again.getCompose().equalsDeep(mine.getCompose())).isTrue();
        Bundle exportedAgain = admin().get(ADMIN + "/$export").resource(200, Bundle.class);
        assertThat(exportedAgain.getEntry()).extracting(Bundle.BundleEntryComponent::getFullUrl)
                .containsExactlyElementsOf(export.getEntry().stream().map(Bundle.BundleEntryComponent::getFullUrl)
                        .toList());
    }

    private static Bundle bundle(Bundle.BundleType type, Resource... resources) {
        Bundle bundle = new Bundle().setType(type);
        for (Resource resource : resources) {
            Bundle.BundleEntryComponent entry = bundle.addEntry().setResource(resource);
            if (type == Bundle.BundleType.TRANSACTION || type == Bundle.BundleType.BATCH) {
                entry.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(resource.fhirType());
            }
        }
        return bundle;
    }
}
