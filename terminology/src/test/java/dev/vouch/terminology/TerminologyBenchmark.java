package dev.vouch.terminology;

import ca.uhn.fhir.context.FhirContext;
import dev.vouch.terminology.bundled.BundledTerminology;
import dev.vouch.terminology.instrument.InstrumentCatalog;
import dev.vouch.terminology.operations.TerminologyOperations;
import dev.vouch.terminology.questionnaire.QuestionnaireIndex;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Prints how fast terminology answers: {@code ValueSet/$expand} of a 10,000-code value set, and the hook path's
 * value-set membership lookups per second. A program that prints figures, not a timed test. Run from the repository
 * root with a JDK 21+:
 * <pre>
 * JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -q -pl terminology test-compile exec:java \
 *     -Dexec.mainClass=dev.vouch.terminology.TerminologyBenchmark -Dexec.classpathScope=test
 * </pre>
 * It runs inside the Maven JVM; the figures are for comparing changes on one machine, not absolute.
 */
public final class TerminologyBenchmark {

    private static final String SYSTEM = "https://bench.example/fhir/CodeSystem/findings";
    private static final String LARGE = "https://bench.example/fhir/ValueSet/ten-thousand";
    private static final int CODES = 10_000;
    private static final int WARM_UP = 300;
    private static final int RUNS = 1_000;
    private static final int LOOKUPS = 5_000_000;

    private TerminologyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        FhirContext fhirContext = FhirContext.forR4();
        InstrumentCatalog catalog = InstrumentCatalog.bundled();
        List<Resource> resources = new ArrayList<>(new BundledTerminology(fhirContext, catalog).resources());
        resources.add(largeValueSet());

        long buildStart = System.nanoTime();
        TerminologySnapshot snapshot = TerminologySnapshot.of(1, catalog, QuestionnaireIndex.bundled(fhirContext),
                resources);
        double buildMillis = (System.nanoTime() - buildStart) / 1e6;
        // The hook path reads the snapshot through a TerminologySource, as TerminologyService holds it.
        AtomicReference<TerminologySnapshot> current = new AtomicReference<>(snapshot);
        TerminologySource source = current::get;
        TerminologyOperations operations = new TerminologyOperations(source, Optional.empty());

        System.out.printf(Locale.ROOT, "Terminology benchmark (JDK %s, %d cores)%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "snapshot build (bundled content + %,d-code value set): %.1f ms%n", CODES,
                buildMillis);
        long firstStart = System.nanoTime();
        operations.expand(LARGE, null, 0, CODES);
        System.out.printf(Locale.ROOT, "first $expand on a new snapshot (builds its display index): %.2f ms%n",
                (System.nanoTime() - firstStart) / 1e6);

        time("$expand all 10,000 codes (count 10000)", () -> operations.expand(LARGE, null, 0, CODES));
        time("$expand one page (offset 5000, count 100)", () -> operations.expand(LARGE, null, 5_000, 100));
        time("$expand filter \"finding 12\" (111 matches, count 100)",
                () -> operations.expand(LARGE, "finding 12", 0, 100));

        String[] codes = lookupCodes();
        lookups(source, codes, 1);
        int threads = Runtime.getRuntime().availableProcessors();
        if (threads > 1) {
            lookups(source, codes, threads);
        }
    }

    private static ValueSet largeValueSet() {
        ValueSet valueSet = new ValueSet();
        valueSet.setUrl(LARGE);
        valueSet.setStatus(PublicationStatus.ACTIVE);
        ValueSet.ConceptSetComponent include = valueSet.getCompose().addInclude().setSystem(SYSTEM);
        for (int i = 0; i < CODES; i++) {
            include.addConcept().setCode(code(i)).setDisplay("Finding " + i);
        }
        return valueSet;
    }

    private static String code(int i) {
        return String.format(Locale.ROOT, "F%05d", i);
    }

    /** Half members, half codes outside the value set, in random order. */
    private static String[] lookupCodes() {
        Random random = new Random(42);
        String[] codes = new String[1 << 14];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = code(random.nextInt(CODES * 2));
        }
        return codes;
    }

    private static void time(String label, Supplier<ValueSet> expand) {
        long returned = 0;
        for (int i = 0; i < WARM_UP; i++) {
            returned += expand.get().getExpansion().getContains().size();
        }
        double[] millis = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            ValueSet expansion = expand.get();
            millis[i] = (System.nanoTime() - start) / 1e6;
            returned += expansion.getExpansion().getContains().size();
        }
        Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "%-55s min %.3f ms, median %.3f ms, p99 %.3f ms (%d runs, %,d codes returned)%n",
                label, millis[0], millis[RUNS / 2], millis[(int) Math.ceil(RUNS * 0.99) - 1], RUNS, returned);
    }

    private static void lookups(TerminologySource source, String[] codes, int threads) throws Exception {
        run(source, codes, LOOKUPS / 2, threads);
        long start = System.nanoTime();
        long members = run(source, codes, LOOKUPS, threads);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "memberOf on the hook path, %d thread%s: %,.0f lookups/s (%,d lookups, %d%% "
                        + "members)%n", threads, threads == 1 ? "" : "s", LOOKUPS * (double) threads / seconds,
                LOOKUPS * (long) threads, Math.round(100.0 * members / ((long) LOOKUPS * threads)));
    }

    /** Each thread does {@code perThread} lookups; returns how many were members, so none is optimised away. */
    private static long run(TerminologySource source, String[] codes, int perThread, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * 997;
                results.add(pool.submit(() -> {
                    long members = 0;
                    int mask = codes.length - 1;
                    for (int i = 0; i < perThread; i++) {
                        if (source.current().memberOf(LARGE, SYSTEM, codes[(i + offset) & mask])) {
                            members++;
                        }
                    }
                    return members;
                }));
            }
            long members = 0;
            for (Future<Long> result : results) {
                members += result.get();
            }
            return members;
        } finally {
            pool.shutdown();
        }
    }
}
