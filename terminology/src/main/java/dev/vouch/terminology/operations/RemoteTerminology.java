package dev.vouch.terminology.operations;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import dev.vouch.terminology.store.TerminologyException;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;

import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A remote FHIR terminology server, asked through HAPI's generic client for what Vouch does not hold itself. Every
 * call is bounded by the timeout; a server that does not answer becomes {@link TerminologyException.Unavailable}.
 */
public final class RemoteTerminology {

    private final IGenericClient client;
    private final String host;
    private final long timeoutMillis;

    /**
     * @param fhirContext the application's context, for its FHIR version
     * @param baseUrl     the server's FHIR base, e.g. {@code https://tx.example.org/r4}
     * @param timeout     the bound on connecting and on each read
     */
    public RemoteTerminology(FhirContext fhirContext, String baseUrl, Duration timeout) {
        URI uri = parseBase(baseUrl);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("vouch.terminology.remote-timeout must be positive, not " + timeout);
        }
        this.host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        this.timeoutMillis = timeout.toMillis();
        // HAPI takes each request's HTTP client from the FhirContext's factory (not from the factory that built the
        // client), and the shared context's factory carries the EHR reader's timeouts: this client gets a context of
        // its own.
        FhirContext clientContext = new FhirContext(fhirContext.getVersion().getVersion());
        IRestfulClientFactory factory = clientContext.getRestfulClientFactory();
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeoutMillis);
        factory.setConnectTimeout(millis);
        factory.setSocketTimeout(millis);
        factory.setConnectionRequestTimeout(millis);
        this.client = clientContext.newRestfulGenericClient(uri.toString().replaceAll("/+$", ""));
        client.setEncoding(EncodingEnum.JSON);
    }

    /** The server's host (and port), for messages. */
    public String host() {
        return host;
    }

    /** {@code ValueSet/$expand} of a value set the server knows by canonical URL. */
    public ValueSet expand(String valueSetUrl, String filter, int offset, int count) {
        Parameters in = expandParameters(filter, offset, count);
        in.addParameter().setName("url").setValue(new UriType(valueSetUrl));
        return call(() -> client.operation().onType(ValueSet.class).named("$expand").withParameters(in)
                .returnResourceType(ValueSet.class).execute());
    }

    /** {@code ValueSet/$expand} of a value set held here whose codes come from code systems the server holds. */
    public ValueSet expand(ValueSet valueSet, String filter, int offset, int count) {
        Parameters in = expandParameters(filter, offset, count);
        in.addParameter().setName("valueSet").setResource(valueSet.copy());
        return call(() -> client.operation().onType(ValueSet.class).named("$expand").withParameters(in)
                .returnResourceType(ValueSet.class).execute());
    }

    /** {@code ValueSet/$validate-code} against a value set the server knows by canonical URL. */
    public Parameters validateCode(String valueSetUrl, String system, String code, String display) {
        Parameters in = codeParameters(system, code, display);
        in.addParameter().setName("url").setValue(new UriType(valueSetUrl));
        return call(() -> client.operation().onType(ValueSet.class).named("$validate-code").withParameters(in)
                .execute());
    }

    /** {@code ValueSet/$validate-code} against a value set held here. */
    public Parameters validateCode(ValueSet valueSet, String system, String code, String display) {
        Parameters in = codeParameters(system, code, display);
        in.addParameter().setName("valueSet").setResource(valueSet.copy());
        return call(() -> client.operation().onType(ValueSet.class).named("$validate-code").withParameters(in)
                .execute());
    }

    /** {@code CodeSystem/$lookup}. */
    public Parameters lookup(String system, String code) {
        Parameters in = codeParameters(system, code, null);
        return call(() -> client.operation().onType(CodeSystem.class).named("$lookup").withParameters(in)
                .execute());
    }

    /** {@code ConceptMap/$translate}; {@code conceptMapUrl} and {@code targetSystem} may be null. */
    public Parameters translate(String conceptMapUrl, String system, String code, String targetSystem) {
        Parameters in = codeParameters(system, code, null);
        add(in, "url", conceptMapUrl == null ? null : new UriType(conceptMapUrl));
        add(in, "targetsystem", targetSystem == null ? null : new UriType(targetSystem));
        return call(() -> client.operation().onType(ConceptMap.class).named("$translate").withParameters(in)
                .execute());
    }

    private static Parameters expandParameters(String filter, int offset, int count) {
        Parameters in = new Parameters();
        add(in, "filter", filter == null ? null : new StringType(filter));
        add(in, "offset", new IntegerType(offset));
        add(in, "count", new IntegerType(count));
        return in;
    }

    private static Parameters codeParameters(String system, String code, String display) {
        Parameters in = new Parameters();
        add(in, "code", new CodeType(code));
        add(in, "system", system == null ? null : new UriType(system));
        add(in, "display", display == null ? null : new StringType(display));
        return in;
    }

    private static void add(Parameters parameters, String name, Type value) {
        if (value != null) {
            parameters.addParameter().setName(name).setValue(value);
        }
    }

    private <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (FhirClientConnectionException e) {
            throw new TerminologyException.Unavailable("the remote terminology server at " + host
                    + " did not answer within " + timeoutMillis + " ms");
        } catch (ResourceNotFoundException e) {
            throw new TerminologyException.NotFound("the remote terminology server at " + host + " answered: "
                    + e.getMessage());
        } catch (InvalidRequestException | UnprocessableEntityException e) {
            throw new TerminologyException.BadRequest("the remote terminology server at " + host
                    + " refused the request: " + e.getMessage());
        } catch (BaseServerResponseException e) {
            throw new TerminologyException.Unavailable("the remote terminology server at " + host
                    + " answered HTTP " + e.getStatusCode());
        }
    }

    private static URI parseBase(String baseUrl) {
        try {
            URI uri = URI.create(baseUrl == null ? "" : baseUrl.strip());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("vouch.terminology.remote-url must be the http(s) base URL of a FHIR "
                    + "terminology server (e.g. https://tx.example.org/r4), not '" + baseUrl + "'", e);
        }
    }
}
