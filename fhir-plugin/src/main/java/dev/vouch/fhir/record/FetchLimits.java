package dev.vouch.fhir.record;

import java.time.Duration;

/**
 * Bounds on reading from an EHR's FHIR server, so a slow or huge answer cannot hold a hook call.
 *
 * @param maxPages     Bundle pages followed per query
 * @param maxResources resources kept per query
 * @param timeout      time for all the queries of one call together
 */
public record FetchLimits(int maxPages, int maxResources, Duration timeout) {

    public FetchLimits {
        if (maxPages < 1 || maxResources < 1 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("FHIR fetch limits must be positive: pages=" + maxPages
                    + ", resources=" + maxResources + ", timeout=" + timeout);
        }
    }

    public static FetchLimits defaults() {
        return new FetchLimits(10, 1000, Duration.ofSeconds(3));
    }
}
