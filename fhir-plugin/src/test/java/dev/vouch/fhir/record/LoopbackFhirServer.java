package dev.vouch.fhir.record;

import ca.uhn.fhir.context.FhirContext;
import dev.vouch.fhir.demo.DemoFhirServer;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.hl7.fhir.r4.model.Resource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The demo FHIR server running in an embedded Tomcat on a free loopback port, recording every request it receives
 * (path, query and Authorization header) so tests can see what a client asked for.
 */
final class LoopbackFhirServer implements AutoCloseable {

    /** Held so that the quieter level is not lost when the logger is garbage collected. */
    private static final Logger TOMCAT_LOG = Logger.getLogger("org.apache");

    /** One HTTP request as the server saw it. */
    record Request(String method, String pathAndQuery, String authorization) {
    }

    private final Tomcat tomcat;
    private final Path baseDir;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private LoopbackFhirServer(FhirContext fhirContext, Collection<? extends Resource> resources) throws IOException {
        TOMCAT_LOG.setLevel(Level.WARNING);
        baseDir = Files.createTempDirectory("vouch-loopback-fhir");
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");

        StandardContext context = (StandardContext) tomcat.addContext("", baseDir.toString());
        // The server lives as long as the test class; Tomcat's leak hunting on stop only adds noise.
        context.setClearReferencesRmiTargets(false);
        context.setClearReferencesThreadLocals(false);
        Wrapper servlet = Tomcat.addServlet(context, "fhir", new DemoFhirServer(fhirContext).load(resources));
        servlet.setLoadOnStartup(1);
        context.addServletMappingDecoded("/fhir/*", "fhir");

        FilterDef recorder = new FilterDef();
        recorder.setFilterName("recorder");
        recorder.setFilter(recording());
        context.addFilterDef(recorder);
        FilterMap everything = new FilterMap();
        everything.setFilterName("recorder");
        everything.addURLPattern("/*");
        context.addFilterMap(everything);
    }

    static LoopbackFhirServer start(FhirContext fhirContext, Collection<? extends Resource> resources) {
        try {
            LoopbackFhirServer server = new LoopbackFhirServer(fhirContext, resources);
            server.tomcat.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LifecycleException e) {
            throw new IllegalStateException("The loopback FHIR server did not start", e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/fhir";
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    void forgetRequests() {
        requests.clear();
    }

    private Filter recording() {
        return (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            String query = http.getQueryString() == null ? "" : "?" + http.getQueryString();
            requests.add(new Request(http.getMethod(), http.getRequestURI() + query, http.getHeader("Authorization")));
            chain.doFilter(request, response);
        };
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
        try (Stream<Path> files = Files.walk(baseDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
