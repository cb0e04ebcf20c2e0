package dev.vouch.terminology.operations;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import dev.vouch.terminology.CodeSystems;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A tiny FHIR terminology server in an embedded Tomcat on a free loopback port: it knows one SNOMED CT code, one
 * value set and one mapping, records each operation it is asked, and can be told to stall.
 */
final class LoopbackTerminologyServer implements AutoCloseable {

    /** Held so that the quieter level is not lost when the logger is garbage collected. */
    private static final Logger TOMCAT_LOG = Logger.getLogger("org.apache");

    static final String REMOTE_VALUE_SET = "http://tx.example/fhir/ValueSet/diabetes";
    static final String KNOWN_CODE = "73211009";
    static final String KNOWN_DISPLAY = "Diabetes mellitus";

    private final Tomcat tomcat;
    private final Path baseDir;
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile Duration stall = Duration.ZERO;

    private LoopbackTerminologyServer(FhirContext fhirContext) throws IOException {
        TOMCAT_LOG.setLevel(Level.WARNING);
        baseDir = Files.createTempDirectory("vouch-loopback-tx");
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        StandardContext context = (StandardContext) tomcat.addContext("", baseDir.toString());
        context.setClearReferencesRmiTargets(false);
        context.setClearReferencesThreadLocals(false);
        RestfulServer server = new RestfulServer(fhirContext);
        server.setResourceProviders(new ValueSetOperations(), new CodeSystemOperations(), new ConceptMapOperations());
        Wrapper servlet = Tomcat.addServlet(context, "fhir", server);
        servlet.setLoadOnStartup(1);
        context.addServletMappingDecoded("/fhir/*", "fhir");
    }

    static LoopbackTerminologyServer start(FhirContext fhirContext) {
        try {
            LoopbackTerminologyServer server = new LoopbackTerminologyServer(fhirContext);
            server.tomcat.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LifecycleException e) {
            throw new IllegalStateException("The loopback terminology server did not start", e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/fhir";
    }

    /** The operations asked so far, as "Type/$operation". */
    List<String> asked() {
        return List.copyOf(asked);
    }

    void stallFor(Duration duration) {
        stall = duration;
    }

    private void answering(String operation) {
        asked.add(operation);
        if (!stall.isZero()) {
            try {
                release.await(stall.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() throws Exception {
        release.countDown();
        tomcat.stop();
        tomcat.destroy();
        try (Stream<Path> files = Files.walk(baseDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    public final class ValueSetOperations implements IResourceProvider {
        @Override
        public Class<ValueSet> getResourceType() {
            return ValueSet.class;
        }

        @Operation(name = "$expand", idempotent = true)
        public ValueSet expand(@OperationParam(name = "url") UriType url,
                               @OperationParam(name = "valueSet") ValueSet valueSet,
                               @OperationParam(name = "filter") StringType filter,
                               @OperationParam(name = "offset") IntegerType offset,
                               @OperationParam(name = "count") IntegerType count) {
            answering("ValueSet/$expand");
            String canonical = url != null ? url.getValue() : valueSet.getUrl();
            if (url != null && !REMOTE_VALUE_SET.equals(canonical)) {
                throw new ResourceNotFoundException("Unknown value set " + canonical);
            }
            ValueSet expanded = new ValueSet();
            expanded.setUrl(canonical);
            expanded.getExpansion().setTotal(1).setOffset(offset == null ? 0 : offset.getValue())
                    .addContains().setSystem(CodeSystems.SNOMED_CT).setCode(KNOWN_CODE).setDisplay(KNOWN_DISPLAY);
            return expanded;
        }

        @Operation(name = "$validate-code", idempotent = true)
        public Parameters validateCode(@OperationParam(name = "url") UriType url,
                                       @OperationParam(name = "valueSet") ValueSet valueSet,
                                       @OperationParam(name = "system") UriType system,
                                       @OperationParam(name = "code") CodeType code,
                                       @OperationParam(name = "display") StringType display) {
            answering("ValueSet/$validate-code");
            Parameters out = new Parameters();
            boolean known = CodeSystems.SNOMED_CT.equals(system.getValue()) && KNOWN_CODE.equals(code.getValue());
            out.addParameter().setName("result").setValue(new BooleanType(known));
            out.addParameter().setName("message").setValue(new StringType(
                    valueSet != null ? "checked against the value set sent" : "checked against " + url.getValue()));
            return out;
        }
    }

    public final class CodeSystemOperations implements IResourceProvider {
        @Override
        public Class<CodeSystem> getResourceType() {
            return CodeSystem.class;
        }

        @Operation(name = "$lookup", idempotent = true)
        public Parameters lookup(@OperationParam(name = "system") UriType system,
                                 @OperationParam(name = "code") CodeType code) {
            answering("CodeSystem/$lookup");
            if (!CodeSystems.SNOMED_CT.equals(system.getValue())
                    || !KNOWN_CODE.equals(code.getValue())) {
                throw new ResourceNotFoundException("Unknown code " + system.getValue() + "#" + code.getValue());
            }
            Parameters out = new Parameters();
            out.addParameter().setName("name").setValue(new StringType("SNOMED CT"));
            out.addParameter().setName("display").setValue(new StringType(KNOWN_DISPLAY));
            return out;
        }
    }

    public final class ConceptMapOperations implements IResourceProvider {
        @Override
        public Class<ConceptMap> getResourceType() {
            return ConceptMap.class;
        }

        @Operation(name = "$translate", idempotent = true)
        public Parameters translate(@OperationParam(name = "system") UriType system,
                                    @OperationParam(name = "code") CodeType code,
                                    @OperationParam(name = "targetsystem") UriType targetSystem) {
            answering("ConceptMap/$translate");
            Parameters out = new Parameters();
            out.addParameter().setName("result").setValue(new BooleanType(true));
            Parameters.ParametersParameterComponent match = out.addParameter().setName("match");
            match.addPart().setName("equivalence").setValue(new CodeType("equivalent"));
            match.addPart().setName("concept").setValue(new Coding(
                    CodeSystems.ICD_10_CM, "E11.9", "Type 2 diabetes mellitus"));
            return out;
        }
    }
}
