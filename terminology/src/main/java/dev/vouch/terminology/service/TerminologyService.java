package dev.vouch.terminology.service;

import dev.vouch.terminology.TerminologySnapshot;
import dev.vouch.terminology.TerminologySource;
import dev.vouch.terminology.instrument.InstrumentCatalog;
import dev.vouch.terminology.questionnaire.QuestionnaireIndex;
import dev.vouch.terminology.store.StoredResource;
import dev.vouch.terminology.store.TerminologyRepository;
import dev.vouch.terminology.store.TerminologyResourceType;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The terminology the hook path reads, as an in-memory {@link TerminologySnapshot}, and the way admins change it.
 * A change made here is in the snapshot when the write returns; a change made on another node is picked up by a
 * poller that reads the configuration version every {@code refreshInterval}.
 */
public final class TerminologyService implements TerminologySource, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TerminologyService.class);

    private final TerminologyRepository repository;
    private final InstrumentCatalog instruments;
    private final QuestionnaireIndex bundledForms;
    private final Duration refreshInterval;
    private final AtomicReference<TerminologySnapshot> current = new AtomicReference<>();
    private final ReentrantLock rebuilding = new ReentrantLock();
    private ScheduledExecutorService poller;

    /** Builds the first snapshot at once; a repository that cannot be read fails here, at startup. */
    public TerminologyService(TerminologyRepository repository, InstrumentCatalog instruments,
                              QuestionnaireIndex bundledForms, Duration refreshInterval) {
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("vouch.terminology.refresh-interval must be positive, not "
                    + refreshInterval);
        }
        this.repository = repository;
        this.instruments = instruments;
        this.bundledForms = bundledForms;
        this.refreshInterval = refreshInterval;
        current.set(build());
    }

    @Override
    public TerminologySnapshot current() {
        return current.get();
    }

    public TerminologyRepository repository() {
        return repository;
    }

    public StoredResource create(TerminologyResourceType type, Resource resource,
                                 String author) {
        StoredResource stored = repository.create(type, resource, author);
        rebuildAfterChange();
        return stored;
    }

    public StoredResource update(TerminologyResourceType type, String id, Resource resource,
                                 OptionalInt expectedVersion, String author) {
        StoredResource stored = repository.update(type, id, resource, expectedVersion, author);
        rebuildAfterChange();
        return stored;
    }

    public StoredResource retire(TerminologyResourceType type, String id, OptionalInt expectedVersion,
                                 String author) {
        StoredResource stored = repository.retire(type, id, expectedVersion, author);
        rebuildAfterChange();
        return stored;
    }

    public List<StoredResource> importAll(List<Resource> resources, String author) {
        List<StoredResource> stored = repository.importAll(resources, author);
        rebuildAfterChange();
        return stored;
    }

    /**
     * Rebuilds the snapshot from the repository now.
     *
     * @throws RuntimeException when the repository cannot be read or the content cannot be indexed; the old
     *                          snapshot stays in place
     */
    public TerminologySnapshot refresh() {
        rebuilding.lock();
        try {
            // Rebuilds take turns, so the one that finishes last read the newest configuration.
            TerminologySnapshot built = build();
            current.set(built);
            return built;
        } finally {
            rebuilding.unlock();
        }
    }

    /** Starts polling the configuration version; idempotent. */
    public synchronized void start() {
        if (poller != null) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("vouch-terminology-refresh").daemon(true).factory());
        long millis = refreshInterval.toMillis();
        poller.scheduleWithFixedDelay(this::pollOnce, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (poller == null) {
            return;
        }
        poller.shutdownNow();
        try {
            if (!poller.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("The terminology refresh poller did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        poller = null;
    }

    /** One poll: rebuild when another node (or a failed rebuild here) left the snapshot behind the database. */
    void pollOnce() {
        try {
            long stored = repository.configurationVersion();
            if (stored != current.get().version()) {
                TerminologySnapshot snapshot = refresh();
                log.info("Terminology configuration moved to version {}; snapshot rebuilt", snapshot.version());
            }
        } catch (RuntimeException e) {
            // Resource content is configuration, not PHI, but the message is kept to the failure's kind.
            log.warn("Terminology refresh failed; keeping snapshot version {}: {}", current.get().version(),
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void rebuildAfterChange() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // The change is stored; the poller sees the version ahead of the snapshot and tries again.
            log.warn("Terminology snapshot rebuild after a change failed; keeping snapshot version {} and "
                            + "retrying within {} ms: {}", current.get().version(), refreshInterval.toMillis(),
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private TerminologySnapshot build() {
        // The version is read before the resources: a change landing between the two reads leaves the snapshot
        // labelled older than its content, so the next poll rebuilds rather than missing the change.
        long version = repository.configurationVersion();
        List<Resource> resources = repository.currentAll().stream()
                .map(StoredResource::resource)
                .toList();
        return TerminologySnapshot.of(version, instruments, bundledForms, resources);
    }
}
