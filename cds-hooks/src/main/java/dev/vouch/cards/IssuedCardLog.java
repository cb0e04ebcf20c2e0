package dev.vouch.cards;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records every issued card in PostgreSQL. Writes leave the hook's hot path: cards are queued and written in
 * batches by one background writer; when the queue is full the caller writes its own cards, so nothing is lost.
 */
@Component
public class IssuedCardLog {

    private static final Logger log = LoggerFactory.getLogger(IssuedCardLog.class);
    private static final int QUEUE_CAPACITY = 20_000;
    private static final int BATCH = 500;
    private static final String INSERT = """
            INSERT INTO issued_card (card_uuid, service_id, hook, hook_instance, kind, rule_id, indicator,
                                     patient_ref, issued_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (card_uuid) DO NOTHING""";

    /** One row of the issued-card table. */
    public record Entry(UUID cardUuid, String serviceId, String hook, String hookInstance, String kind, String rule,
                        String indicator, String patientRef, Instant issuedAt) {
    }

    private final JdbcTemplate jdbc;
    private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    /** Entries queued and not yet written. */
    private final AtomicInteger pending = new AtomicInteger();
    private final Counter written;
    private final Counter failedBatches;
    private final Thread writer;
    private volatile boolean running = true;

    public IssuedCardLog(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.written = Counter.builder("vouch.cards.recorded").description("Issued cards written to the database")
                .register(meters);
        this.failedBatches = Counter.builder("vouch.cards.record.failures")
                .description("Batches of issued cards that failed to write and were retried").register(meters);
        this.writer = Thread.ofPlatform().daemon().name("issued-card-writer").start(this::drainLoop);
    }

    public void record(List<Entry> entries) {
        List<Entry> overflow = new ArrayList<>();
        for (Entry entry : entries) {
            pending.incrementAndGet();
            if (!queue.offer(entry)) {
                pending.decrementAndGet();
                overflow.add(entry);
            }
        }
        if (!overflow.isEmpty()) {
            write(overflow);
        }
    }

    /** Waits until everything queued so far is written, or the timeout passes; true when all is written. */
    public boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (pending.get() == 0) {
                return true;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return pending.get() == 0;
    }

    @PreDestroy
    void stop() {
        flush(Duration.ofSeconds(10));
        running = false;
        writer.interrupt();
    }

    private void drainLoop() {
        List<Entry> batch = new ArrayList<>(BATCH);
        while (running) {
            try {
                Entry first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                writeWithRetry(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } finally {
                pending.addAndGet(-batch.size());
                batch.clear();
            }
        }
    }

    private void writeWithRetry(List<Entry> batch) throws InterruptedException {
        long backoff = 100;
        while (true) {
            try {
                write(batch);
                return;
            } catch (RuntimeException e) {
                failedBatches.increment();
                log.warn("Writing {} issued cards failed ({}); retrying in {} ms", batch.size(),
                        e.getClass().getSimpleName(), backoff);
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    private void write(List<Entry> entries) {
        jdbc.batchUpdate(INSERT, entries, entries.size(), (statement, entry) -> {
            statement.setObject(1, entry.cardUuid());
            statement.setString(2, entry.serviceId());
            statement.setString(3, entry.hook());
            statement.setString(4, entry.hookInstance());
            statement.setString(5, entry.kind());
            statement.setString(6, entry.rule());
            statement.setString(7, entry.indicator());
            statement.setString(8, entry.patientRef());
            statement.setTimestamp(9, Timestamp.from(entry.issuedAt()));
        });
        written.increment(entries.size());
    }
}
