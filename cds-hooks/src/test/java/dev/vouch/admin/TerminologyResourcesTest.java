package dev.vouch.admin;

import dev.vouch.terminology.admin.TerminologyAdminController;
import dev.vouch.terminology.store.TerminologyResourceType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Create, read, update, search, history and retire, for each type the admin API configures. */
class TerminologyResourcesTest extends AdminApiTest {

    @ParameterizedTest
    @EnumSource(TerminologyResourceType.class)
    void createAnswers201WithLocationAndETagAndReadReturnsTheSameResource(TerminologyResourceType type) {
        MetadataResource resource = Resources.of(type);

        AdminClient.Answer created = admin().post(ADMIN + "/" + type, resource);

        MetadataResource stored = created.resource(201, type.resourceClass().asSubclass(MetadataResource.class));
        String id = stored.getIdElement().getIdPart();
        assertThat(created.header("Location")).isEqualTo(ADMIN + "/" + type + "/" + id + "/_history/1");
        assertThat(created.header("ETag")).isEqualTo("W/\"1\"");
        assertThat(stored.getMeta().getVersionId()).isEqualTo("1");
        assertThat(stored.getUrl()).isEqualTo(resource.getUrl());

        AdminClient.Answer read = admin().get(ADMIN + "/" + type + "/" + id);

        MetadataResource again = read.resource(200, type.resourceClass().asSubclass(MetadataResource.class));
        assertThat(read.header("ETag")).isEqualTo("W/\"1\"");
        assertThat(again.getUrl()).isEqualTo(resource.getUrl());
        assertThat(again.getName()).isEqualTo(resource.getName());
    }

    @ParameterizedTest
    @EnumSource(TerminologyResourceType.class)
    void updateWithTheCurrentETagStoresVersionTwoAndHistoryListsBothNewestFirstWithTheirAuthors(
            TerminologyResourceType type) {
        MetadataResource stored = create(Resources.of(type));
        stored.setTitle("Edited by the site");

        AdminClient.Answer updated = admin().with(TerminologyAdminController.USER_HEADER, "jane.doe")
                .put(pathOf(stored), stored, "W/\"1\"");

        MetadataResource second = updated.resource(200, type.resourceClass().asSubclass(MetadataResource.class));
        assertThat(updated.header("ETag")).isEqualTo("W/\"2\"");
        assertThat(second.getMeta().getVersionId()).isEqualTo("2");
        assertThat(second.getTitle()).isEqualTo("Edited by the site");

        Bundle history = admin().get(pathOf(stored) + "/_history").resource(200, Bundle.class);

        assertThat(history.getType()).isEqualTo(Bundle.BundleType.HISTORY);
        assertThat(history.getTotal()).isEqualTo(2);
        assertThat(history.getEntry()).extracting(entry -> entry.getResource().getMeta().getVersionId())
                .containsExactly("2", "1");
        assertThat(history.getEntry()).extracting(entry -> entry.getResponse().getEtag())
                .containsExactly("W/\"2\"", "W/\"1\"");
        assertThat(history.getEntry()).allSatisfy(entry ->
                assertThat(entry.getResponse().getLastModified()).isNotNull());
        assertThat(history.getEntry()).extracting(entry -> changedBy(entry.getResponse()))
                .containsExactly("jane.doe", "admin");

        MetadataResource first = admin().get(pathOf(stored) + "/_history/1")
                .resource(200, type.resourceClass().asSubclass(MetadataResource.class));
        assertThat(first.hasTitle()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(TerminologyResourceType.class)
    void searchFindsResourcesByUrlNameStatusAndTextWithATotal(TerminologyResourceType type) {
        MetadataResource stored = create(Resources.of(type));
        String name = stored.getName();

        Bundle byUrl = searchByUrl(type.name(), stored.getUrl());
        Bundle byName = admin().get(ADMIN + "/" + type + "?name=" + name.substring(2)).resource(200, Bundle.class);
        Bundle byText = admin().get(ADMIN + "/" + type + "?_text=" + name.toLowerCase()).resource(200, Bundle.class);
        Bundle retiredOnly = admin().get(ADMIN + "/" + type + "?status=retired&name=" + name)
                .resource(200, Bundle.class);

        assertThat(byUrl.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(byUrl.getTotal()).isEqualTo(1);
        assertThat(byUrl.getEntryFirstRep().getFullUrl()).endsWith(pathOf(stored));
        assertThat(byName.getTotal()).isEqualTo(1);
        assertThat(byText.getTotal()).isEqualTo(1);
        assertThat(retiredOnly.getTotal()).isZero();
    }

    @ParameterizedTest
    @EnumSource(TerminologyResourceType.class)
    void retireKeepsTheResourceReadableWithStatusRetiredAsANewVersion(TerminologyResourceType type) {
        MetadataResource stored = create(Resources.of(type));

        AdminClient.Answer retired = admin().delete(pathOf(stored), "W/\"1\"");

        MetadataResource answer = retired.resource(200, type.resourceClass().asSubclass(MetadataResource.class));
        assertThat(answer.getStatus()).isEqualTo(PublicationStatus.RETIRED);
        assertThat(retired.header("ETag")).isEqualTo("W/\"2\"");
        MetadataResource read = admin().get(pathOf(stored))
                .resource(200, type.resourceClass().asSubclass(MetadataResource.class));
        assertThat(read.getStatus()).isEqualTo(PublicationStatus.RETIRED);
        Bundle retiredOnes = admin().get(ADMIN + "/" + type + "?status=retired&url=" + encoded(stored.getUrl()))
                .resource(200, Bundle.class);
        assertThat(retiredOnes.getTotal()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TerminologyResourceType.class)
    void updateWithAStaleIfMatchIsAConflictAndStoresNothing(TerminologyResourceType type) {
        MetadataResource stored = create(Resources.of(type));
        admin().put(pathOf(stored), stored.setTitle("First edit"), "W/\"1\"").resource(200, MetadataResource.class);

        AdminClient.Answer stale = admin().put(pathOf(stored), stored.setTitle("Edit of version 1"), "W/\"1\"");

        assertThat(stale.outcome(409).getIssueFirstRep().getCode().toCode()).isEqualTo("conflict");
        assertThat(stale.diagnostics(409)).contains("version 2");
        MetadataResource current = admin().get(pathOf(stored))
                .resource(200, type.resourceClass().asSubclass(MetadataResource.class));
        assertThat(current.getTitle()).isEqualTo("First edit");
    }

    @ParameterizedTest
    @EnumSource(TerminologyResourceType.class)
    void updateWithoutIfMatchChecksTheBodysVersionId(TerminologyResourceType type) {
        MetadataResource stored = create(Resources.of(type));
        MetadataResource edited = stored.copy();
        edited.setTitle("First edit");
        admin().put(pathOf(stored), edited, null).resource(200, MetadataResource.class);

        // The body still says it was made from version 1.
        AdminClient.Answer stale = admin().put(pathOf(stored), stored.setTitle("Edit of version 1"), null);

        stale.outcome(409);
    }

    @ParameterizedTest
    @EnumSource(TerminologyResourceType.class)
    void retireWithAStaleIfMatchIsAConflict(TerminologyResourceType type) {
        MetadataResource stored = create(Resources.of(type));
        admin().put(pathOf(stored), stored.setTitle("First edit"), "W/\"1\"").resource(200, MetadataResource.class);

        admin().delete(pathOf(stored), "W/\"1\"").outcome(409);

        MetadataResource current = admin().get(pathOf(stored))
                .resource(200, type.resourceClass().asSubclass(MetadataResource.class));
        assertThat(current.getStatus()).isEqualTo(PublicationStatus.ACTIVE);
    }

    @Test
    void searchPagesWithCountAndOffsetAndLinksTheNextPage() {
        String name = Resources.freshName("Paged");
        for (int i = 0; i < 3; i++) {
            ValueSet valueSet = Resources.valueSet(Resources.freshUrl("ValueSet"), Resources.SNOMED, "35489007");
            create(valueSet.setName(name + i));
        }

        Bundle first = admin().get(ADMIN + "/ValueSet?name=" + name + "&_count=2").resource(200, Bundle.class);
        Bundle second = admin().get(ADMIN + "/ValueSet?name=" + name + "&_count=2&_offset=2")
                .resource(200, Bundle.class);

        assertThat(first.getTotal()).isEqualTo(3);
        assertThat(first.getEntry()).hasSize(2);
        assertThat(first.getLink("next").getUrl()).contains("_offset=2").contains("_count=2");
        assertThat(second.getTotal()).isEqualTo(3);
        assertThat(second.getEntry()).hasSize(1);
        assertThat(second.getLink("next")).isNull();
        assertThat(admin().get(ADMIN + "/ValueSet?stauts=active").diagnostics(400)).contains("'stauts'");
    }

    @Test
    void theAuthorNamedInTheUserHeaderIsRecordedCutToSixtyFourCharacters() {
        String longName = "a".repeat(70);
        ValueSet valueSet = Resources.valueSet(Resources.freshUrl("ValueSet"), Resources.SNOMED, "35489007");

        ValueSet stored = (ValueSet) admin().with(TerminologyAdminController.USER_HEADER, longName)
                .post(ADMIN + "/ValueSet", valueSet).resource(201, ValueSet.class);

        Bundle history = admin().get(pathOf(stored) + "/_history").resource(200, Bundle.class);
        assertThat(changedBy(history.getEntryFirstRep().getResponse())).isEqualTo("a".repeat(64));
    }

    private static String changedBy(Bundle.BundleEntryResponseComponent response) {
        Extension extension = response.getExtensionByUrl(TerminologyAdminController.CHANGED_BY_EXTENSION);
        assertThat(extension).as("changed-by extension on the history entry").isNotNull();
        return extension.getValue().primitiveValue();
    }
}
