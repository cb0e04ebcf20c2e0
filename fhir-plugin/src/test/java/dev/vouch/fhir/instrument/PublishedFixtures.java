package dev.vouch.fhir.instrument;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Resource;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The published FHIR examples in {@code shared/fixtures/published}, read from disk. The shared folder sits beside
 * the repository ({@code ../shared} of a clone), so it is found by walking up from the working directory.
 */
final class PublishedFixtures {

    private static final Path FOLDER = locate();

    private PublishedFixtures() {
    }

    static <T extends Resource> T read(String fileName, Class<T> type) {
        try (Reader in = Files.newBufferedReader(FOLDER.resolve(fileName), StandardCharsets.UTF_8)) {
            return FhirContext.forR4Cached().newJsonParser().parseResource(type, in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read published fixture " + fileName + " from " + FOLDER, e);
        }
    }

    private static Path locate() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("fixtures").resolve("published");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No shared/fixtures/published folder in " + start + " or any folder above it; "
                + "the shared folder must sit beside the repository clone");
    }
}
