package dev.vouch.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Vouch's own settings, under {@code vouch.}; each default serves the embedded demo.
 *
 * @param dataDir where the embedded PostgreSQL keeps its data across restarts
 */
@ConfigurationProperties("vouch")
public record VouchProperties(
        @DefaultValue("./vouch-data") Path dataDir,
        @DefaultValue Demo demo,
        @DefaultValue Fhir fhir,
        @DefaultValue Safety safety) {

    /** The embedded demo FHIR server and its synthetic patients. */
    public record Demo(@DefaultValue("true") boolean enabled) {
    }

    /** Bounds on reading an EHR's FHIR server during a hook call. */
    public record Fhir(@DefaultValue("10") int maxPages,
                       @DefaultValue("1000") int maxResources,
                       @DefaultValue("3s") Duration timeout) {
    }

    /**
     * @param lookback how far back a critical answer still raises a safety card (the newest completion always does)
     */
    public record Safety(@DefaultValue("30d") Duration lookback) {
    }
}
