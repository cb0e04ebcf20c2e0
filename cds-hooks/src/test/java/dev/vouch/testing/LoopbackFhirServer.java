package dev.vouch.testing;

import ca.uhn.fhir.context.FhirContext;
import dev.vouch.fhir.demo.DemoFhirServer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.hl7.fhir.r4.model.Resource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

/**
 * A real HAPI FHIR R4 server ({@link DemoFhirServer}, paging at 20) in its own embedded Tomcat on a random loopback
 * port, standing in for an EHR's FHIR endpoint. It records every request it receives with its Authorization header.
 */
public final class LoopbackFhirServer implements AutoCloseable {

    /** One request as the FHIR server saw it. */
    public record Received(String method, String pathAndQuery, String authorization) {
    }

    private final Path baseDir;
    private final Tomcat tomcat;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

    private LoopbackFhirServer(Collection<? extends Resource> resources) throws IOException, LifecycleException {
        baseDir = Files.createTempDirectory("vouch-test-fhir-server");
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);

        StandardContext context = (StandardContext) tomcat.addContext("", null);
        // HAPI's and the JDK's thread locals are not leaks of this short-lived server; skip Tomcat's warnings.
        context.setClearReferencesThreadLocals(false);
        context.setClearReferencesRmiTargets(false);
        Wrapper fhir = Tomcat.addServlet(context, "fhir",
                new DemoFhirServer(FhirContext.forR4Cached()).load(resources));
        fhir.setLoadOnStartup(1);
        context.addServletMappingDecoded("/fhir/*", "fhir");

        FilterDef recorder = new FilterDef();
        recorder.setFilterName("recorder");
        recorder.setFilter(new Recorder());
        context.addFilterDef(recorder);
        FilterMap everything = new FilterMap();
        everything.setFilterName("recorder");
        everything.addURLPattern("/*");
        context.addFilterMap(everything);

        tomcat.start();
    }

    public static LoopbackFhirServer serving(Collection<? extends Resource> resources) {
        try {
            return new LoopbackFhirServer(resources);
        } catch (IOException | LifecycleException e) {
            throw new IllegalStateException("The loopback FHIR server did not start", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/fhir";
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public void forgetRequests() {
        received.clear();
    }

    @Override
    public void close() throws LifecycleException, IOException {
        tomcat.stop();
        tomcat.destroy();
        try (Stream<Path> paths = Files.walk(baseDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private final class Recorder implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) request;
            String query = http.getQueryString();
            received.add(new Received(http.getMethod(), http.getRequestURI() + (query == null ? "" : "?" + query),
                    http.getHeader("Authorization")));
            chain.doFilter(request, response);
        }
    }
}
