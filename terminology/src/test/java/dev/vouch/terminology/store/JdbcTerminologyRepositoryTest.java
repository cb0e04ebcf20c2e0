package dev.vouch.terminology.store;

import ca.uhn.fhir.context.FhirContext;
import dev.vouch.terminology.testing.TestDatabase;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.vouch.terminology.testing.Terminology.snomedValueSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcTerminologyRepositoryTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String URL = "https://site.example/fhir/ValueSet/low-mood";
    private static final Instant MONDAY = Instant.parse("2025-03-03T09:15:30.123Z");

    private TestDatabase.Database database;
    private JdbcTerminologyRepository repository;

    @BeforeEach
    void freshDatabase() {
        database = TestDatabase.fresh();
        repository = new JdbcTerminologyRepository(database.jdbc(), database.transactions(), FHIR,
                Clock.fixed(MONDAY, ZoneOffset.UTC));
    }

    private static ValueSet lowMood() {
        return snomedValueSet("low-mood", URL, "LowMood", "370143000", "Major depressive disorder");
    }

    @Test
    void aCreatedResourceIsVersionOneWithItsAuthorTimeAndMeta() {
        StoredResource stored = repository.create(TerminologyResourceType.ValueSet, lowMood(), "admin@site");

        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.changedBy()).isEqualTo("admin@site");
        assertThat(stored.changedAt()).isEqualTo(MONDAY);
        assertThat(stored.change()).isEqualTo("create");
        StoredResource read = repository.read(TerminologyResourceType.ValueSet, "low-mood").orElseThrow();
        assertThat(read.resource().getMeta().getVersionId()).isEqualTo("1");
        assertThat(read.resource().getMeta().getLastUpdated().toInstant()).isEqualTo(MONDAY);
        assertThat(read.changedBy()).isEqualTo("admin@site");
        assertThat(read.changedAt()).isEqualTo(MONDAY);
        assertThat(((ValueSet) read.resource()).getCompose().getIncludeFirstRep().getConceptFirstRep().getCode())
                .isEqualTo("370143000");
    }

    @Test
    void theCallersResourceIsNotChangedByStoringIt() {
        ValueSet mine = lowMood();

        repository.create(TerminologyResourceType.ValueSet, mine, "admin@site");

        assertThat(mine.getMeta().hasVersionId()).isFalse();
    }

    @Test
    void aValidClientIdIsKeptAndAnInvalidOneReplacedByAUuid() {
        ValueSet invalid = lowMood();
        invalid.setId("not valid!");

        StoredResource kept = repository.create(TerminologyResourceType.ValueSet,
                snomedValueSet("my-id.1", "https://site.example/a", "A"), "admin");
        StoredResource assigned = repository.create(TerminologyResourceType.ValueSet, invalid, "admin");
        StoredResource none = repository.create(TerminologyResourceType.ValueSet,
                snomedValueSet(null, "https://site.example/b", "B"), "admin");

        assertThat(kept.id()).isEqualTo("my-id.1");
        assertThat(assigned.id()).matches("[0-9a-f-]{36}");
        assertThat(none.id()).matches("[0-9a-f-]{36}");
        assertThat(repository.read(TerminologyResourceType.ValueSet, assigned.id())).isPresent();
    }

    @Test
    void creatingAnIdThatExistsIsAConflict() {
        repository.create(TerminologyResourceType.ValueSet, lowMood(), "admin");

        assertThatThrownBy(() -> repository.create(TerminologyResourceType.ValueSet,
                snomedValueSet("low-mood", "https://site.example/other", "Other"), "admin"))
                .isInstanceOf(TerminologyException.Conflict.class)
                .hasMessageContaining("ValueSet/low-mood already exists");
    }

    @Test
    void aCanonicalUrlBelongsToOneResourceOfAType() {
        repository.create(TerminologyResourceType.ValueSet, lowMood(), "admin");

        assertThatThrownBy(() -> repository.create(TerminologyResourceType.ValueSet,
                snomedValueSet("rival", URL, "Rival"), "admin"))
                .isInstanceOf(TerminologyException.Conflict.class)
                .hasMessageContaining(URL).hasMessageContaining("ValueSet/low-mood");
    }

    @Test
    void aResourceOfAnotherTypeOrWithoutStatusIsABadRequest() {
        ValueSet noStatus = lowMood();
        noStatus.setStatus(null);

        assertThatThrownBy(() -> repository.create(TerminologyResourceType.CodeSystem, lowMood(), "admin"))
                .isInstanceOf(TerminologyException.BadRequest.class)
                .hasMessageContaining("Expected a CodeSystem but got a ValueSet");
        assertThatThrownBy(() -> repository.create(TerminologyResourceType.ValueSet, noStatus, "admin"))
                .isInstanceOf(TerminologyException.BadRequest.class)
                .hasMessageContaining("has no status");
        assertThatThrownBy(() -> repository.create(TerminologyResourceType.ValueSet, lowMood(), " "))
                .isInstanceOf(TerminologyException.BadRequest.class)
                .hasMessageContaining("author");
    }

    @Test
    void everyUpdateIsANewVersionAndHistoryListsThemNewestFirstWithWhoAndWhen() {
        Instant[] now = {MONDAY};
        JdbcTerminologyRepository ticking = new JdbcTerminologyRepository(database.jdbc(), database.transactions(),
                FHIR, new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        });
        ticking.create(TerminologyResourceType.ValueSet, lowMood(), "ana");
        now[0] = MONDAY.plusSeconds(60);
        ValueSet second = lowMood();
        second.setTitle("Low mood, edited");
        ticking.update(TerminologyResourceType.ValueSet, "low-mood", second, OptionalInt.of(1), "ben");
        now[0] = MONDAY.plusSeconds(120);
        ticking.retire(TerminologyResourceType.ValueSet, "low-mood", OptionalInt.of(2), "cy");

        List<StoredResource> history = ticking.history(TerminologyResourceType.ValueSet, "low-mood");

        assertThat(history).extracting(StoredResource::version).containsExactly(3, 2, 1);
        assertThat(history).extracting(StoredResource::changedBy).containsExactly("cy", "ben", "ana");
        assertThat(history).extracting(StoredResource::change).containsExactly("retire", "update", "create");
        assertThat(history).extracting(StoredResource::changedAt)
                .containsExactly(MONDAY.plusSeconds(120), MONDAY.plusSeconds(60), MONDAY);
        assertThat(history).extracting(StoredResource::status).containsExactly("retired", "active", "active");
        assertThat(((ValueSet) ticking.readVersion(TerminologyResourceType.ValueSet, "low-mood", 2).orElseThrow()
                .resource()).getTitle()).isEqualTo("Low mood, edited");
        assertThat(ticking.readVersion(TerminologyResourceType.ValueSet, "low-mood", 2).orElseThrow().resource()
                .getMeta().getVersionId()).isEqualTo("2");
        assertThat(ticking.readVersion(TerminologyResourceType.ValueSet, "low-mood", 4)).isEmpty();
        assertThat(ticking.read(TerminologyResourceType.ValueSet, "low-mood").orElseThrow().version()).isEqualTo(3);
    }

    @Test
    void anUpdateFromAStaleVersionIsAConflictAndStoresNothing() {
        repository.create(TerminologyResourceType.ValueSet, lowMood(), "ana");
        repository.update(TerminologyResourceType.ValueSet, "low-mood", lowMood(), OptionalInt.of(1), "ben");
        long before = repository.configurationVersion();

        assertThatThrownBy(() -> repository.update(TerminologyResourceType.ValueSet, "low-mood", lowMood(),
                OptionalInt.of(1), "cy"))
                .isInstanceOf(TerminologyException.Conflict.class)
                .hasMessageContaining("is at version 2, not 1");
        assertThat(repository.history(TerminologyResourceType.ValueSet, "low-mood")).hasSize(2);
        assertThat(repository.configurationVersion()).isEqualTo(before);
    }

    @Test
    void anUpdateWithoutAnExpectedVersionAlwaysApplies() {
        repository.create(TerminologyResourceType.ValueSet, lowMood(), "ana");
        repository.update(TerminologyResourceType.ValueSet, "low-mood", lowMood(), OptionalInt.empty(), "ben");

        StoredResource third = repository.update(TerminologyResourceType.ValueSet, "low-mood", lowMood(),
                OptionalInt.empty(), "cy");

        assertThat(third.version()).isEqualTo(3);
    }

    @Test
    void updatingOrRetiringAMissingResourceIsNotFound() {
        assertThatThrownBy(() -> repository.update(TerminologyResourceType.ValueSet, "missing",
                snomedValueSet(null, URL, "LowMood"), OptionalInt.empty(), "ana"))
                .isInstanceOf(TerminologyException.NotFound.class)
                .hasMessageContaining("No ValueSet with id 'missing'");
        assertThatThrownBy(() -> repository.retire(TerminologyResourceType.ValueSet, "missing", OptionalInt.empty(),
                "ana"))
                .isInstanceOf(TerminologyException.NotFound.class);
    }

    @Test
    void anUpdateWhoseBodyNamesAnotherIdIsABadRequest() {
        repository.create(TerminologyResourceType.ValueSet, lowMood(), "ana");

        assertThatThrownBy(() -> repository.update(TerminologyResourceType.ValueSet, "low-mood",
                snomedValueSet("someone-else", URL, "LowMood"), OptionalInt.empty(), "ben"))
                .isInstanceOf(TerminologyException.BadRequest.class);
    }

    @Test
    void ofEightConcurrentUpdatesFromTheSameVersionExactlyOneWins() throws Exception {
        repository.create(TerminologyResourceType.ValueSet, lowMood(), "ana");
        int writers = 8;
        CountDownLatch ready = new CountDownLatch(writers);
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<String>> updates = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String author = "writer-" + i;
            updates.add(() -> {
                ValueSet edit = lowMood();
                edit.setTitle("by " + author);
                ready.countDown();
                go.await();
                try {
                    repository.update(TerminologyResourceType.ValueSet, "low-mood", edit, OptionalInt.of(1), author);
                    return "won";
                } catch (TerminologyException.Conflict lost) {
                    return "conflict";
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            updates.forEach(update -> outcomes.add(pool.submit(update)));
            ready.await(10, TimeUnit.SECONDS);
            go.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get(20, TimeUnit.SECONDS));
            }

            assertThat(results).filteredOn("won"::equals).hasSize(1);
            assertThat(results).filteredOn("conflict"::equals).hasSize(writers - 1);
            assertThat(repository.history(TerminologyResourceType.ValueSet, "low-mood")).hasSize(2);
            assertThat(repository.read(TerminologyResourceType.ValueSet, "low-mood").orElseThrow().version())
                    .isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void retiringMakesARetiredVersionAndRetiringAgainChangesNothing() {
        repository.create(TerminologyResourceType.ValueSet, lowMood(), "ana");

        StoredResource retired = repository.retire(TerminologyResourceType.ValueSet, "low-mood",
                OptionalInt.of(1), "ben");
        long afterRetire = repository.configurationVersion();
        StoredResource again = repository.retire(TerminologyResourceType.ValueSet, "low-mood", OptionalInt.empty(),
                "cy");

        assertThat(retired.version()).isEqualTo(2);
        assertThat(retired.status()).isEqualTo("retired");
        assertThat(((ValueSet) retired.resource()).getStatus()).isEqualTo(PublicationStatus.RETIRED);
        assertThat(again.version()).isEqualTo(2);
        assertThat(repository.configurationVersion()).isEqualTo(afterRetire);
    }

    @Test
    void theConfigurationVersionMovesOnWithEveryChangeAndNotWithReads() {
        long start = repository.configurationVersion();

        repository.create(TerminologyResourceType.ValueSet, lowMood(), "ana");
        repository.update(TerminologyResourceType.ValueSet, "low-mood", lowMood(), OptionalInt.empty(), "ana");
        repository.read(TerminologyResourceType.ValueSet, "low-mood");
        repository.currentAll();
        repository.retire(TerminologyResourceType.ValueSet, "low-mood", OptionalInt.empty(), "ana");

        assertThat(repository.configurationVersion()).isEqualTo(start + 3);
    }

    @Test
    void anImportStoresEverythingInOneChangeMatchingByIdThenByUrl() {
        repository.create(TerminologyResourceType.ValueSet, lowMood(), "ana");
        repository.create(TerminologyResourceType.ValueSet,
                snomedValueSet("anxious", "https://site.example/fhir/ValueSet/anxious", "Anxious"), "ana");
        long before = repository.configurationVersion();
        ValueSet byId = snomedValueSet("low-mood", URL, "LowMoodImported");
        ValueSet byUrl = snomedValueSet("another-id", "https://site.example/fhir/ValueSet/anxious", "AnxiousImported");
        ValueSet brandNew = snomedValueSet("new-one", "https://site.example/fhir/ValueSet/new", "New");

        List<StoredResource> stored = repository.importAll(List.of(byId, byUrl, brandNew), "importer");

        assertThat(stored).extracting(StoredResource::id).containsExactly("low-mood", "anxious", "new-one");
        assertThat(stored).extracting(StoredResource::version).containsExactly(2, 2, 1);
        assertThat(stored).extracting(StoredResource::change).containsOnly("import");
        assertThat(repository.configurationVersion()).isEqualTo(before + 1);
        assertThat(repository.currentAll()).hasSize(3);
    }

    @Test
    void anImportWithOneBadResourceStoresNothing() {
        repository.create(TerminologyResourceType.ValueSet, lowMood(), "ana");
        long before = repository.configurationVersion();
        ValueSet good = snomedValueSet("good", "https://site.example/fhir/ValueSet/good", "Good");
        ValueSet noStatus = snomedValueSet("bad", "https://site.example/fhir/ValueSet/bad", "Bad");
        noStatus.setStatus(null);

        assertThatThrownBy(() -> repository.importAll(List.of(good, noStatus), "importer"))
                .isInstanceOf(TerminologyException.BadRequest.class)
                .hasMessageContaining("entry 2");
        assertThatThrownBy(() -> repository.importAll(List.<Resource>of(good, new Patient()), "importer"))
                .isInstanceOf(TerminologyException.BadRequest.class)
                .hasMessageContaining("Patient");

        assertThat(repository.read(TerminologyResourceType.ValueSet, "good")).isEmpty();
        assertThat(repository.configurationVersion()).isEqualTo(before);
    }

    @Test
    void anImportThatFailsHalfwayInTheDatabaseRollsBackWhatItHadStored() {
        repository.create(TerminologyResourceType.ValueSet, lowMood(), "ana");
        repository.create(TerminologyResourceType.ValueSet,
                snomedValueSet("anxious", "https://site.example/fhir/ValueSet/anxious", "Anxious"), "ana");
        long before = repository.configurationVersion();
        ValueSet stored = snomedValueSet("fresh", "https://site.example/fhir/ValueSet/fresh", "Fresh");
        ValueSet changed = snomedValueSet("low-mood", URL, "LowMoodChanged");
        // Matched by id to low-mood, but takes anxious's URL: a conflict only the database pass can see.
        ValueSet clash = snomedValueSet("low-mood", "https://site.example/fhir/ValueSet/anxious", "Clash");

        assertThatThrownBy(() -> repository.importAll(List.of(stored, changed, clash), "importer"))
                .isInstanceOf(TerminologyException.Conflict.class)
                .hasMessageContaining("ValueSet/anxious");

        assertThat(repository.read(TerminologyResourceType.ValueSet, "fresh")).isEmpty();
        assertThat(repository.read(TerminologyResourceType.ValueSet, "low-mood").orElseThrow().version()).isEqualTo(1);
        assertThat(repository.history(TerminologyResourceType.ValueSet, "low-mood")).hasSize(1);
        assertThat(repository.configurationVersion()).isEqualTo(before);
    }

    @Test
    void searchFiltersByUrlNameStatusAndTextAndPages() {
        repository.create(TerminologyResourceType.ValueSet, lowMood(), "ana");
        repository.create(TerminologyResourceType.ValueSet,
                snomedValueSet("anxious", "https://site.example/fhir/ValueSet/anxious", "Anxious"), "ana");
        ValueSet moodDraft = snomedValueSet("mood-draft", "https://site.example/fhir/ValueSet/mood-draft", "MoodDraft");
        moodDraft.setStatus(PublicationStatus.DRAFT);
        moodDraft.setTitle("Elevated affect");
        repository.create(TerminologyResourceType.ValueSet, moodDraft, "ana");

        assertThat(search(URL, null, null, null, 0, 0)).containsExactly("low-mood");
        assertThat(search(null, "mood", null, null, 0, 0)).containsExactly("low-mood", "mood-draft");
        assertThat(search(null, null, "draft", null, 0, 0)).containsExactly("mood-draft");
        assertThat(search(null, null, null, "AFFECT", 0, 0)).containsExactly("mood-draft");
        assertThat(search(null, null, null, "anx", 0, 0)).containsExactly("anxious");
        assertThat(search(null, null, null, null, 0, 0)).containsExactly("anxious", "low-mood", "mood-draft");
        assertThat(search(null, null, null, null, 1, 1)).containsExactly("low-mood");
        assertThat(repository.search(TerminologyResourceType.CodeSystem,
                new TerminologyRepository.SearchCriteria(null, null, null, null, 0, 0))).isEmpty();
    }

    private List<String> search(String url, String name, String status, String text, int offset, int count) {
        return repository.search(TerminologyResourceType.ValueSet,
                        new TerminologyRepository.SearchCriteria(url, name, status, text, offset, count))
                .stream().map(StoredResource::id).toList();
    }
}
