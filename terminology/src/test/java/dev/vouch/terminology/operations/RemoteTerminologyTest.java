package dev.vouch.terminology.operations;

import ca.uhn.fhir.context.FhirContext;
import dev.vouch.terminology.CodeSystems;
import dev.vouch.terminology.TerminologySnapshot;
import dev.vouch.terminology.ValueSets;
import dev.vouch.terminology.bundled.BundledTerminology;
import dev.vouch.terminology.instrument.InstrumentCatalog;
import dev.vouch.terminology.questionnaire.QuestionnaireIndex;
import dev.vouch.terminology.store.TerminologyException;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.vouch.terminology.testing.Terminology.codeSystem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RemoteTerminologyTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String SITE_SYSTEM = "https://site.example/fhir/CodeSystem/diagnoses";
    private static final String ALL_DIABETES = "https://site.example/fhir/ValueSet/all-diabetes";

    private static LoopbackTerminologyServer server;
    private static TerminologySnapshot snapshot;

    @BeforeAll
    static void startServer() {
        server = LoopbackTerminologyServer.start(FHIR);
        List<Resource> resources = new ArrayList<>(new BundledTerminology(FHIR, InstrumentCatalog.bundled())
                .resources());
        resources.add(codeSystem("diagnoses", SITE_SYSTEM, "D1", "Low mood"));
        ValueSet intensional = new ValueSet();
        intensional.setUrl(ALL_DIABETES);
        intensional.setStatus(PublicationStatus.ACTIVE);
        intensional.getCompose().addInclude().setSystem(CodeSystems.SNOMED_CT).addFilter()
                .setProperty("concept").setOp(ValueSet.FilterOperator.ISA).setValue("73211009");
        resources.add(intensional);
        snapshot = TerminologySnapshot.of(1, InstrumentCatalog.bundled(), QuestionnaireIndex.bundled(FHIR), resources);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void answerPromptly() {
        server.stallFor(Duration.ZERO);
    }

    private static TerminologyOperations withRemote(String baseUrl, Duration timeout) {
        return new TerminologyOperations(() -> snapshot,
                Optional.of(new RemoteTerminology(FHIR, baseUrl, timeout)));
    }

    private static TerminologyOperations withServer() {
        return withRemote(server.baseUrl(), Duration.ofSeconds(3));
    }

    private static String string(Parameters parameters, String name) {
        return parameters.getParameter(name).getValue().primitiveValue();
    }

    @Test
    void lookupInACodeSystemNotHeldHereIsAskedOfTheRemoteServer() {
        Parameters answer = withServer().lookup(CodeSystems.SNOMED_CT, LoopbackTerminologyServer.KNOWN_CODE);

        assertThat(string(answer, "display")).isEqualTo(LoopbackTerminologyServer.KNOWN_DISPLAY);
        assertThat(server.asked()).contains("CodeSystem/$lookup");
    }

    @Test
    void lookupInACodeSystemHeldHereNeverAsksTheRemoteServer() {
        int before = server.asked().size();

        Parameters answer = withServer().lookup(SITE_SYSTEM, "D1");

        assertThat(string(answer, "display")).isEqualTo("Low mood");
        assertThat(server.asked()).hasSize(before);
    }

    @Test
    void aCodeTheRemoteServerDoesNotKnowIsNotFound() {
        assertThatThrownBy(() -> withServer().lookup(CodeSystems.SNOMED_CT, "0000000"))
                .isInstanceOf(TerminologyException.NotFound.class)
                .hasMessageContaining("the remote terminology server at 127.0.0.1:");
    }

    @Test
    void expandOfAValueSetNotHeldHereIsAskedOfTheRemoteServer() {
        ValueSet expansion = withServer().expand(LoopbackTerminologyServer.REMOTE_VALUE_SET, null, 0, 10);

        assertThat(expansion.getExpansion().getContainsFirstRep().getCode())
                .isEqualTo(LoopbackTerminologyServer.KNOWN_CODE);
    }

    @Test
    void expandOfAHeldValueSetStaysLocal() {
        int before = server.asked().size();

        ValueSet expansion = withServer().expand(ValueSets.ANXIETY, null, 0, 10);

        assertThat(expansion.getExpansion().getTotal()).isEqualTo(2);
        assertThat(server.asked()).hasSize(before);
    }

    @Test
    void aHeldValueSetOverAFilteredRemoteCodeSystemIsSentToTheRemoteServer() {
        Parameters answer = withServer().validateCode(ALL_DIABETES, CodeSystems.SNOMED_CT,
                LoopbackTerminologyServer.KNOWN_CODE, null);

        assertThat(((BooleanType) answer.getParameter("result").getValue()).booleanValue()).isTrue();
        assertThat(string(answer, "message")).isEqualTo("checked against the value set sent");
    }

    @Test
    void translateFromACodeSystemNotHeldHereIsAskedOfTheRemoteServer() {
        Parameters answer = withServer().translate(null, CodeSystems.SNOMED_CT, "44054006", CodeSystems.ICD_10_CM);

        Coding concept = (Coding) answer.getParameter("match").getPart().get(1).getValue();
        assertThat(concept.getCode()).isEqualTo("E11.9");
    }

    @Test
    void aRemoteServerThatIsDownIsUnavailableAtOnce() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TerminologyOperations operations = withRemote("http://127.0.0.1:" + closedPort + "/fhir",
                Duration.ofMillis(500));
        long start = System.nanoTime();

        assertThatThrownBy(() -> operations.lookup(CodeSystems.SNOMED_CT, "73211009"))
                .isInstanceOf(TerminologyException.Unavailable.class)
                .hasMessage("the remote terminology server at 127.0.0.1:" + closedPort
                        + " did not answer within 500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aRemoteServerThatStallsIsUnavailableAfterTheTimeout() {
        server.stallFor(Duration.ofSeconds(5));
        TerminologyOperations operations = withRemote(server.baseUrl(), Duration.ofMillis(300));
        long start = System.nanoTime();

        assertThatThrownBy(() -> operations.expand(LoopbackTerminologyServer.REMOTE_VALUE_SET, null, 0, 10))
                .isInstanceOf(TerminologyException.Unavailable.class)
                .hasMessageContaining("did not answer within 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_000));
    }

    @Test
    void aRemoteUrlThatIsNotHttpIsRefusedAtStartup() {
        assertThatThrownBy(() -> new RemoteTerminology(FHIR, "tx.example.org", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vouch.terminology.remote-url");
    }
}
