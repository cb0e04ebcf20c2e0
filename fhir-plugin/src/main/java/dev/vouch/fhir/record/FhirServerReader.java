package dev.vouch.fhir.record;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Reads prefetch queries from an EHR's FHIR server through HAPI's generic client, concurrently, following
 * Bundle pages within {@link FetchLimits}. Failures become {@link RecordGap}s, never exceptions.
 */
public final class FhirServerReader {

    private static final Logger log = LoggerFactory.getLogger(FhirServerReader.class);
    private static final Pattern READ = Pattern.compile("^[A-Z][A-Za-z]+/[A-Za-z0-9\\-.]{1,64}$");

    private final FhirContext fhirContext;
    private final FetchLimits limits;

    public FhirServerReader(FhirContext fhirContext, FetchLimits limits) {
        this.fhirContext = fhirContext;
        this.limits = limits;
        var factory = fhirContext.getRestfulClientFactory();
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
        int millis = (int) Math.min(Integer.MAX_VALUE, limits.timeout().toMillis());
        factory.setConnectTimeout(millis);
        factory.setSocketTimeout(millis);
        factory.setConnectionRequestTimeout(millis);
    }

    /** What one query brought back, and the gap if it could not be read in full. */
    public record Fetched(List<IBaseResource> resources, Optional<RecordGap> gap) {
    }

    /** Runs each key's resolved query against the server; all together finish within the timeout. */
    public Map<String, Fetched> fetch(FhirServerAccess server, Map<String, String> queriesByKey) {
        Map<String, Fetched> results = new LinkedHashMap<>();
        if (queriesByKey.isEmpty()) {
            return results;
        }
        long deadline = System.nanoTime() + limits.timeout().toNanos();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<String, Future<Fetched>> futures = new LinkedHashMap<>();
            queriesByKey.forEach((key, query) -> futures.put(key, executor.submit(() -> fetchOne(server, key, query))));
            futures.forEach((key, future) -> results.put(key, await(key, future, deadline)));
            executor.shutdownNow();
        }
        return results;
    }

    private Fetched await(String key, Future<Fetched> future, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            log.warn("FHIR server read for prefetch key '{}' exceeded {} ms", key, limits.timeout().toMillis());
            return gap(key, "the FHIR server did not answer within " + limits.timeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return gap(key, "the read was interrupted");
        } catch (ExecutionException e) {
            return gap(key, describe(e.getCause()));
        }
    }

    private Fetched fetchOne(FhirServerAccess server, String key, String query) {
        IGenericClient client = fhirContext.newRestfulGenericClient(stripTrailingSlash(server.baseUrl()));
        server.bearerToken().ifPresent(token -> client.registerInterceptor(new BearerTokenAuthInterceptor(token)));
        try {
            if (READ.matcher(query).matches()) {
                String[] parts = query.split("/");
                IBaseResource resource = client.read().resource(parts[0]).withId(parts[1]).execute();
                return new Fetched(List.of(resource), Optional.empty());
            }
            return search(client, server, key, query);
        } catch (RuntimeException e) {
            log.warn("FHIR server read for prefetch key '{}' failed: {}", key, describe(e));
            return gap(key, describe(e));
        }
    }

    private Fetched search(IGenericClient client, FhirServerAccess server, String key, String query) {
        List<IBaseResource> resources = new ArrayList<>();
        Bundle page = client.search().byUrl(query).returnBundle(Bundle.class).execute();
        int pages = 1;
        while (true) {
            for (Bundle.BundleEntryComponent entry : page.getEntry()) {
                if (entry.hasResource() && isMatch(entry)) {
                    if (resources.size() >= limits.maxResources()) {
                        return truncated(key, resources);
                    }
                    resources.add(entry.getResource());
                }
            }
            Bundle.BundleLinkComponent next = page.getLink(Bundle.LINK_NEXT);
            if (next == null || !next.hasUrl()) {
                return new Fetched(resources, Optional.empty());
            }
            if (resources.size() >= limits.maxResources()) {
                return truncated(key, resources);
            }
            if (!sameServer(server.baseUrl(), next.getUrl())) {
                return new Fetched(resources, Optional.of(new RecordGap(key,
                        "the next page points to another server and was not followed")));
            }
            if (pages >= limits.maxPages()) {
                return new Fetched(resources, Optional.of(new RecordGap(key,
                        "stopped after " + limits.maxPages() + " pages; older data was not read")));
            }
            page = client.loadPage().next(page).execute();
            pages++;
        }
    }

    private Fetched truncated(String key, List<IBaseResource> resources) {
        return new Fetched(resources, Optional.of(new RecordGap(key,
                "stopped at " + limits.maxResources() + " resources; older data was not read")));
    }

    private static boolean isMatch(Bundle.BundleEntryComponent entry) {
        return !entry.hasSearch() || entry.getSearch().getMode() != Bundle.SearchEntryMode.OUTCOME;
    }

    static boolean sameServer(String baseUrl, String url) {
        String base = stripTrailingSlash(baseUrl);
        return url.equals(base) || url.startsWith(base + "/") || url.startsWith(base + "?");
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static Fetched gap(String key, String reason) {
        return new Fetched(List.of(), Optional.of(new RecordGap(key, reason)));
    }

    /** A reason fit for logs and cards: the HTTP status or the kind of failure, never a response body. */
    private static String describe(Throwable failure) {
        if (failure instanceof FhirClientConnectionException) {
            Throwable cause = failure.getCause() == null ? failure : failure.getCause();
            return "the FHIR server could not be reached (" + cause.getClass().getSimpleName() + ")";
        }
        if (failure instanceof BaseServerResponseException response) {
            return "the FHIR server answered HTTP " + response.getStatusCode();
        }
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return "the FHIR server could not be read (" + cause.getClass().getSimpleName() + ")";
    }
}
