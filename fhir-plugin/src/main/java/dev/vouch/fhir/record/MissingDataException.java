package dev.vouch.fhir.record;

import java.util.List;

/**
 * Prefetch data is missing and there is no FHIR server to fetch it from (CDS Hooks answers 412).
 */
public final class MissingDataException extends RuntimeException {

    private final List<String> missingKeys;

    public MissingDataException(List<String> missingKeys) {
        super("Prefetch data missing for " + missingKeys
                + " and no fhirServer was given to fetch it from; send these prefetch keys or a fhirServer");
        this.missingKeys = List.copyOf(missingKeys);
    }

    public List<String> missingKeys() {
        return missingKeys;
    }
}
