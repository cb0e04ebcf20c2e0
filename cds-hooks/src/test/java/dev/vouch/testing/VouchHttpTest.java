package dev.vouch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application on a random port over real HTTP, with a real embedded PostgreSQL in a directory of its own
 * for this run. Every integration test extends this class, so Spring's context cache starts Vouch once per suite.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // application.yml sets root INFO, which would override logback-test.xml once Spring starts.
        properties = {"logging.level.root=WARN", "logging.level.dev.vouch=INFO"})
public abstract class VouchHttpTest {

    protected static final String SERVICE_PATH = "/cds-services/mental-health-review";
    protected static final ObjectMapper JSON = new ObjectMapper();

    private static final Path TEST_DATA = Path.of("target", "test-data").toAbsolutePath();
    private static final Path DATA_DIR = TEST_DATA.resolve("run-" + UUID.randomUUID());
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    static {
        removeStaleRuns();
    }

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void embeddedDatabaseInAFreshDirectory(DynamicPropertyRegistry registry) {
        registry.add("vouch.data-dir", DATA_DIR::toString);
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    protected Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().header("Accept", "application/json"));
    }

    protected Reply post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Calls {@code mental-health-review} and insists on a 200: the cards of the answer. */
    protected JsonNode cardsFor(HookCall call) {
        Reply reply = post(SERVICE_PATH, call.json());
        assertThat(reply.status()).as("status of the hook call; body: %s", reply.body()).isEqualTo(200);
        JsonNode cards = reply.json().path("cards");
        assertThat(cards.isArray()).as("'cards' is an array in %s", reply.body()).isTrue();
        return cards;
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP answer: status, content type and body. */
    public record Reply(int status, String contentType, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Expected a JSON body, got: " + body, e);
            }
        }
    }

    /**
     * Earlier runs leave an embedded PostgreSQL data directory each. Those older than an hour whose server has
     * stopped (no postmaster.pid) are removed; a run in progress, here or in a concurrent build, is left alone.
     */
    private static void removeStaleRuns() {
        if (!Files.isDirectory(TEST_DATA)) {
            return;
        }
        Instant cutoff = Instant.now().minus(Duration.ofHours(1));
        try (Stream<Path> runs = Files.list(TEST_DATA)) {
            runs.filter(run -> run.getFileName().toString().startsWith("run-"))
                    .filter(run -> !Files.exists(run.resolve("postgres").resolve("postmaster.pid")))
                    .filter(run -> lastModified(run).isBefore(cutoff))
                    .forEach(VouchHttpTest::deleteQuietly);
        } catch (IOException e) {
            // Only housekeeping: a leftover directory does no harm to this run.
        }
    }

    private static Instant lastModified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toInstant();
        } catch (IOException e) {
            return Instant.now();
        }
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Only housekeeping, as above.
        }
    }
}
