package dev.vouch.terminology.service;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Terminology settings, under {@code vouch.terminology.}.
 *
 * @param refreshInterval how often each node checks whether another node changed the configuration; the bound on
 *                        how long a change takes to reach every node
 * @param remoteUrl       FHIR base URL of a terminology server asked for code systems not held here; none by default
 * @param remoteTimeout   how long to wait for the remote server before answering that it is unavailable
 */
@ConfigurationProperties("vouch.terminology")
public record TerminologyProperties(
        @DefaultValue("5s") Duration refreshInterval,
        String remoteUrl,
        @DefaultValue("3s") Duration remoteTimeout) {
}
