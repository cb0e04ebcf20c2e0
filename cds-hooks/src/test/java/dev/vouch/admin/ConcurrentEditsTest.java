package dev.vouch.admin;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Optimistic locking under contention: of several admins editing the same version, exactly one wins. */
class ConcurrentEditsTest extends AdminApiTest {

    private static final int EDITORS = 8;

    @Test
    void eightEditsOfTheSameVersionAtOnceStoreExactlyOneAndRefuseTheRestWithConflict() throws Exception {
        ValueSet stored = create(Resources.valueSet(Resources.freshUrl("ValueSet"), Resources.SNOMED, "35489007"));
        // Load the validator before the race, so that the edits meet in the database rather than in its lock.
        admin().put(pathOf(stored), stored.setTitle("Warm-up"), "W/\"1\"").resource(200, ValueSet.class);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<AdminClient.Answer>> edits = new ArrayList<>();

        try (ExecutorService editors = Executors.newFixedThreadPool(EDITORS)) {
            for (int i = 0; i < EDITORS; i++) {
                ValueSet edit = stored.copy().setTitle("Edit " + i);
                edits.add(editors.submit(() -> {
                    start.await();
                    return admin().put(pathOf(stored), edit, "W/\"2\"");
                }));
            }
            start.countDown();
        }

        List<Integer> statuses = new ArrayList<>();
        for (Future<AdminClient.Answer> edit : edits) {
            statuses.add(edit.get().status());
        }
        assertThat(statuses).as("statuses of the concurrent edits").containsOnly(200, 409);
        assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        Bundle history = admin().get(pathOf(stored) + "/_history").resource(200, Bundle.class);
        assertThat(history.getTotal()).isEqualTo(3);
        String winner = ((ValueSet) history.getEntryFirstRep().getResource()).getTitle();
        assertThat(winner).startsWith("Edit ");
    }
}
