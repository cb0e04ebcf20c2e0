package dev.vouch.hooks;

import dev.vouch.cards.CardAssembler;
import dev.vouch.cards.IssuedCard;
import dev.vouch.cards.IssuedCardLog;
import dev.vouch.fhir.record.PatientRecord;
import dev.vouch.fhir.record.PatientRecordReader;
import dev.vouch.protocol.CdsRequest;
import dev.vouch.protocol.CdsRequestReader;
import dev.vouch.protocol.CdsResponse;
import dev.vouch.protocol.DiscoveryResponse;
import dev.vouch.protocol.ProtocolException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The CDS Hooks 2.0 endpoints: discovery and service calls. */
@RestController
public class CdsServicesController {

    private final Map<String, CdsService> services;
    private final List<CdsService> ordered;
    private final CdsRequestReader requestReader;
    private final HookCallValidator validator;
    private final PatientRecordReader recordReader;
    private final IssuedCardLog issuedCards;
    private final Clock clock;
    private final MeterRegistry meters;

    public CdsServicesController(List<CdsService> services, CdsRequestReader requestReader, HookCallValidator validator,
                                 PatientRecordReader recordReader, IssuedCardLog issuedCards, Clock clock,
                                 MeterRegistry meters) {
        this.ordered = List.copyOf(services);
        this.services = services.stream().collect(Collectors.toUnmodifiableMap(CdsService::id, Function.identity()));
        this.requestReader = requestReader;
        this.validator = validator;
        this.recordReader = recordReader;
        this.issuedCards = issuedCards;
        this.clock = clock;
        this.meters = meters;
    }

    @GetMapping(path = "/cds-services", produces = MediaType.APPLICATION_JSON_VALUE)
    public DiscoveryResponse discovery() {
        return new DiscoveryResponse(ordered.stream().flatMap(service -> service.descriptors().stream()).toList());
    }

    @PostMapping(path = "/cds-services/{serviceId}", produces = MediaType.APPLICATION_JSON_VALUE,
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"})
    public CdsResponse call(@PathVariable String serviceId, @RequestBody(required = false) byte[] body) {
        CdsService service = services.get(serviceId);
        if (service == null) {
            throw new ProtocolException(HttpStatus.NOT_FOUND, "unknown-service",
                    "No CDS service with id '" + abbreviate(serviceId) + "'; GET /cds-services lists the services",
                    List.of());
        }
        Timer.Sample sample = Timer.start(meters);
        CdsRequest request = requestReader.read(body);
        HookCallValidator.ValidatedCall call = validator.validate(service, request);
        PatientRecord record = recordReader.read(call.recordRequest());
        List<IssuedCard> cards = CardAssembler.assemble(service.evaluate(call.context(), record));
        record(call.context(), cards);
        sample.stop(meters.timer("vouch.hook.calls", "service", serviceId, "hook", call.context().hook()));
        return new CdsResponse(cards.stream().map(IssuedCard::card).toList());
    }

    private void record(HookContext context, List<IssuedCard> cards) {
        Instant now = clock.instant();
        issuedCards.record(cards.stream().map(issued -> new IssuedCardLog.Entry(
                UUID.fromString(issued.card().uuid()), context.serviceId(), context.hook(), context.hookInstance(),
                issued.kind(), issued.rule(), issued.card().indicator().wire(), "Patient/" + context.patientId(), now))
                .toList());
    }

    private static String abbreviate(String text) {
        String safe = text.replaceAll("[^A-Za-z0-9_.\\-]", "?");
        return safe.length() > 64 ? safe.substring(0, 64) + "…" : safe;
    }
}
