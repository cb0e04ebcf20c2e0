package dev.vouch.admin;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls the admin API over real HTTP, as an admin would: FHIR JSON written and read by HAPI, the admin token as a
 * bearer token unless told otherwise.
 */
public final class AdminClient {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String baseUrl;
    private final FhirContext fhir;
    private final Map<String, String> headers;

    private AdminClient(String baseUrl, FhirContext fhir, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.fhir = fhir;
        this.headers = Map.copyOf(headers);
    }

    public static AdminClient withToken(String baseUrl, FhirContext fhir, String token) {
        return new AdminClient(baseUrl, fhir, Map.of("Authorization", "Bearer " + token));
    }

    public static AdminClient anonymous(String baseUrl, FhirContext fhir) {
        return new AdminClient(baseUrl, fhir, Map.of());
    }

    /** The same client sending one more header on every call. */
    public AdminClient with(String header, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(header, value);
        return new AdminClient(baseUrl, fhir, more);
    }

    public Answer get(String path) {
        return send("GET", path, null, null);
    }

    public Answer post(String path, Resource resource) {
        return post(path, encode(resource));
    }

    public Answer post(String path, String body) {
        return send("POST", path, body, null);
    }

    public Answer put(String path, Resource resource, String ifMatch) {
        return send("PUT", path, encode(resource), ifMatch);
    }

    public Answer delete(String path, String ifMatch) {
        return send("DELETE", path, null, ifMatch);
    }

    public String encode(Resource resource) {
        return fhir.newJsonParser().encodeResourceToString(resource);
    }

    public Answer send(String method, String path, String body, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Accept", "application/fhir+json")
                // The first write loads the FHIR validator, which takes seconds on a small machine.
                .timeout(Duration.ofSeconds(90))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/fhir+json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers(), response.body(), fhir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP answer of the admin API. */
    public record Answer(int status, HttpHeaders headers, String body, FhirContext fhir) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The body as a resource of the type, insisting on the status. */
        public <T extends IBaseResource> T resource(int expectedStatus, Class<T> type) {
            assertThat(status).as("status; body: %s", body).isEqualTo(expectedStatus);
            assertThat(header("Content-Type")).startsWith("application/fhir+json");
            IBaseResource parsed = fhir.newJsonParser().parseResource(body);
            assertThat(parsed).as("resource in body %s", body).isInstanceOf(type);
            return type.cast(parsed);
        }

        /** The body as an OperationOutcome, insisting on the status. */
        public OperationOutcome outcome(int expectedStatus) {
            return resource(expectedStatus, OperationOutcome.class);
        }

        /** Every diagnostics message of an OperationOutcome answer, joined. */
        public String diagnostics(int expectedStatus) {
            return String.join(" | ", outcome(expectedStatus).getIssue().stream()
                    .map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics).toList());
        }
    }
}
