package dev.vouch.protocol;

import java.util.List;

/** {@code GET /cds-services}. */
public record DiscoveryResponse(List<ServiceDescriptor> services) {
}
