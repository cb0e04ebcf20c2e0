package dev.vouch.terminology.service;

import ca.uhn.fhir.context.FhirContext;
import dev.vouch.terminology.CodeSystems;
import dev.vouch.terminology.TerminologySnapshot;
import dev.vouch.terminology.ValueSets;
import dev.vouch.terminology.bundled.BundledTerminology;
import dev.vouch.terminology.instrument.InstrumentCatalog;
import dev.vouch.terminology.questionnaire.QuestionnaireIndex;
import dev.vouch.terminology.store.JdbcTerminologyRepository;
import dev.vouch.terminology.store.StoredResource;
import dev.vouch.terminology.store.TerminologyRepository;
import dev.vouch.terminology.store.TerminologyResourceType;
import dev.vouch.terminology.testing.TestDatabase;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.vouch.terminology.testing.Terminology.snomedValueSet;
import static org.assertj.core.api.Assertions.assertThat;

class TerminologyServiceTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final InstrumentCatalog CATALOG = InstrumentCatalog.bundled();
    private static final QuestionnaireIndex BUNDLED_FORMS = QuestionnaireIndex.bundled(FHIR);
    private static final String LOW_MOOD = "https://site.example/fhir/ValueSet/low-mood";
    private static final Duration REFRESH = Duration.ofMillis(200);

    private final List<TerminologyService> services = new ArrayList<>();
    private TestDatabase.Database database;

    @BeforeEach
    void freshDatabase() {
        database = TestDatabase.fresh();
    }

    @AfterEach
    void stopPollers() {
        services.forEach(TerminologyService::close);
    }

    private JdbcTerminologyRepository repository() {
        return new JdbcTerminologyRepository(database.jdbc(), database.transactionManager(), FHIR);
    }

    private TerminologyService started(TerminologyRepository repository) {
        TerminologyService service = new TerminologyService(repository, CATALOG, BUNDLED_FORMS, REFRESH);
        services.add(service);
        service.start();
        return service;
    }

    @Test
    void theFirstSnapshotHoldsTheBundledContentLoadedBeforeIt() {
        JdbcTerminologyRepository repository = repository();
        new BundledTerminology(FHIR, CATALOG).loadInto(repository);

        TerminologyService service = started(repository);

        TerminologySnapshot snapshot = service.current();
        assertThat(snapshot.version()).isEqualTo(repository.configurationVersion());
        assertThat(snapshot.memberOf(ValueSets.SUICIDAL_IDEATION, CodeSystems.SNOMED_CT, "6471006")).isTrue();
        assertThat(snapshot.memberOf(ValueSets.DEPRESSION, CodeSystems.ICD_10_CM, "F32.A")).isTrue();
        assertThat(snapshot.memberOf(BundledTerminology.instrumentValueSetUrl("phq-9"), CodeSystems.LOINC,
                "44260-8")).isTrue();
    }

    @Test
    void aChangeMadeHereIsInTheSnapshotWhenTheWriteReturns() {
        TerminologyService service = started(repository());

        StoredResource created = service.create(TerminologyResourceType.ValueSet,
                snomedValueSet("low-mood", LOW_MOOD, "LowMood", "370143000", "Major depressive disorder"), "ana");
        boolean afterCreate = service.current().memberOf(LOW_MOOD, CodeSystems.SNOMED_CT, "370143000");
        ValueSet edited = snomedValueSet("low-mood", LOW_MOOD, "LowMood", "35489007", "Depressive disorder");
        service.update(TerminologyResourceType.ValueSet, "low-mood", edited, OptionalInt.of(created.version()), "ben");
        boolean editedIn = service.current().memberOf(LOW_MOOD, CodeSystems.SNOMED_CT, "35489007");
        boolean oldCodeGone = !service.current().memberOf(LOW_MOOD, CodeSystems.SNOMED_CT, "370143000");
        service.retire(TerminologyResourceType.ValueSet, "low-mood", OptionalInt.empty(), "cy");

        assertThat(afterCreate).isTrue();
        assertThat(editedIn).isTrue();
        assertThat(oldCodeGone).isTrue();
        assertThat(service.current().valueSet(LOW_MOOD)).isEmpty();
        assertThat(service.current().version()).isEqualTo(service.repository().configurationVersion());
    }

    @Test
    void aRegisteredFormIsUnderstoodThroughItsItemCodes() {
        TerminologyService service = started(repository());
        Questionnaire siteForm = new Questionnaire();
        siteForm.setUrl("https://site.example/fhir/Questionnaire/mood-check");
        siteForm.setStatus(PublicationStatus.ACTIVE);
        siteForm.addItem().setLinkId("q9").setType(Questionnaire.QuestionnaireItemType.CHOICE)
                .addCode().setSystem(CodeSystems.LOINC).setCode("44260-8");

        service.importAll(List.<Resource>of(siteForm), "admin");

        assertThat(service.current().questionnaires().form("https://site.example/fhir/Questionnaire/mood-check")
                .flatMap(form -> form.item("q9")).flatMap(QuestionnaireIndex.FormItem::loincCode))
                .contains("44260-8");
        assertThat(service.current().questionnaires().form("http://hl7.org/fhir/us/pco/Questionnaire/44249-1"))
                .isPresent();
    }

    @Test
    void anotherNodeSeesAChangeWithinItsRefreshInterval() throws InterruptedException {
        TerminologyService here = started(repository());
        TerminologyService there = started(repository());

        here.create(TerminologyResourceType.ValueSet,
                snomedValueSet("low-mood", LOW_MOOD, "LowMood", "370143000", "Major depressive disorder"), "ana");
        long changedAt = System.nanoTime();
        while (!there.current().memberOf(LOW_MOOD, CodeSystems.SNOMED_CT, "370143000")
                && System.nanoTime() - changedAt < Duration.ofSeconds(3).toNanos()) {
            Thread.sleep(10);
        }
        Duration seenAfter = Duration.ofNanos(System.nanoTime() - changedAt);

        assertThat(there.current().memberOf(LOW_MOOD, CodeSystems.SNOMED_CT, "370143000")).isTrue();
        // One interval plus the rebuild; the margin absorbs a slow machine without hiding a missing poller.
        assertThat(seenAfter).isLessThan(REFRESH.multipliedBy(4));
        assertThat(there.current().version()).isEqualTo(here.current().version());
    }

    @Test
    void aFailedRebuildKeepsTheOldSnapshotAndTheNextPollCatchesUp() {
        JdbcTerminologyRepository real = repository();
        AtomicBoolean broken = new AtomicBoolean();
        TerminologyRepository flaky = (TerminologyRepository) Proxy.newProxyInstance(
                TerminologyRepository.class.getClassLoader(), new Class<?>[]{TerminologyRepository.class},
                (proxy, method, args) -> {
                    if (broken.get() && method.getName().equals("currentAll")) {
                        throw new IllegalStateException("database unreachable");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        TerminologyService service = new TerminologyService(flaky, CATALOG, BUNDLED_FORMS, REFRESH);
        services.add(service);
        TerminologySnapshot before = service.current();

        broken.set(true);
        StoredResource stored = service.create(TerminologyResourceType.ValueSet,
                snomedValueSet("low-mood", LOW_MOOD, "LowMood", "370143000", "Major depressive disorder"), "ana");
        TerminologySnapshot whileBroken = service.current();
        service.pollOnce();
        TerminologySnapshot stillBroken = service.current();
        broken.set(false);
        service.pollOnce();

        assertThat(stored.version()).isEqualTo(1);
        assertThat(whileBroken).isSameAs(before);
        assertThat(stillBroken).isSameAs(before);
        assertThat(service.current().memberOf(LOW_MOOD, CodeSystems.SNOMED_CT, "370143000")).isTrue();
    }

    @Test
    void closingStopsThePollerAndCanBeRepeated() throws InterruptedException {
        TerminologyService service = started(repository());

        service.close();
        service.close();
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (pollerThreadAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertThat(pollerThreadAlive()).isFalse();
        assertThat(service.current()).isNotNull();
    }

    private static boolean pollerThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.isAlive() && thread.getName().equals("vouch-terminology-refresh"));
    }
}
