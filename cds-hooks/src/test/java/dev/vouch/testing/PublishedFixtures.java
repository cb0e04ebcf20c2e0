package dev.vouch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The published FHIR examples in {@code shared/fixtures/published}, read-only. The directory is found by walking
 * up from the working directory (in a checkout, {@code ../shared} lies beside the repository).
 */
public final class PublishedFixtures {

    private static final Path RELATIVE = Path.of("shared", "fixtures", "published");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PublishedFixtures() {
    }

    public static JsonNode read(String fileName) {
        Path file = directory().resolve(fileName);
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the published fixture " + file, e);
        }
    }

    static Path directory() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No " + RELATIVE + " directory in " + start + " or any directory above it; "
                + "the published fixtures are expected beside the repository, in ../shared");
    }
}
