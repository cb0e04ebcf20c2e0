package dev.vouch.hooks;

import dev.vouch.cards.CardDraft;
import dev.vouch.fhir.record.PatientRecord;
import dev.vouch.fhir.record.PrefetchTemplate;
import dev.vouch.protocol.ServiceDescriptor;

import java.util.List;
import java.util.Set;

/** One CDS service: what it announces at discovery, and the cards it raises for a call. */
public interface CdsService {

    String id();

    /** The hooks this service answers; a call for another hook is a bad request. */
    Set<String> hooks();

    List<PrefetchTemplate> prefetch();

    List<ServiceDescriptor> descriptors();

    List<CardDraft> evaluate(HookContext context, PatientRecord record);
}
