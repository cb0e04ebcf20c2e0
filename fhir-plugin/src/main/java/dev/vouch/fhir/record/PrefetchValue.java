package dev.vouch.fhir.record;

import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * What the EHR sent under one prefetch key. A key the EHR left out is simply absent from the map.
 */
public sealed interface PrefetchValue {

    /** A resource or a Bundle of them. */
    record Data(IBaseResource resource) implements PrefetchValue {
    }

    /** The key was sent as {@code null}: the EHR says there is no such data. */
    record NoData() implements PrefetchValue {
    }

    /** The EHR tried and sent an OperationOutcome instead; Vouch may fetch the data itself. */
    record Failed(String reason) implements PrefetchValue {
    }
}
