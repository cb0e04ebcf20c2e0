package dev.vouch.terminology.service;

import ca.uhn.fhir.context.FhirContext;
import dev.vouch.terminology.CodeSystems;
import dev.vouch.terminology.TerminologySource;
import dev.vouch.terminology.ValueSets;
import dev.vouch.terminology.instrument.InstrumentCatalog;
import dev.vouch.terminology.operations.RemoteTerminology;
import dev.vouch.terminology.operations.TerminologyOperations;
import dev.vouch.terminology.questionnaire.QuestionnaireIndex;
import dev.vouch.terminology.store.TerminologyRepository;
import dev.vouch.terminology.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TerminologyConfigurationTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private static AnnotationConfigApplicationContext context(Map<String, Object> properties) {
        TestDatabase.Database database = TestDatabase.fresh();
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", properties));
        context.registerBean(FhirContext.class, () -> FHIR);
        context.registerBean(InstrumentCatalog.class, InstrumentCatalog::bundled);
        context.registerBean(QuestionnaireIndex.class, () -> QuestionnaireIndex.bundled(FHIR));
        context.registerBean(JdbcTemplate.class, database::jdbc);
        context.registerBean(PlatformTransactionManager.class, database::transactionManager);
        context.register(TerminologyConfiguration.class);
        context.refresh();
        return context;
    }

    @Test
    void theServiceStartsWithTheBundledContentAndNoRemoteServerByDefault() {
        try (AnnotationConfigApplicationContext context = context(Map.of())) {
            TerminologySource source = context.getBean(TerminologySource.class);

            assertThat(source).isInstanceOf(TerminologyService.class);
            assertThat(source.current().memberOf(ValueSets.SUICIDAL_IDEATION, CodeSystems.ICD_10_CM, "R45.851"))
                    .isTrue();
            assertThat(source.current().version()).isPositive();
            assertThat(context.getBean(TerminologyRepository.class).currentAll()).isNotEmpty();
            assertThat(context.getBean(TerminologyOperations.class)).isNotNull();
            assertThat(context.getBeansOfType(RemoteTerminology.class)).isEmpty();
            assertThat(context.getBean(TerminologyProperties.class).refreshInterval()).hasSeconds(5);
        }
    }

    @Test
    void aRemoteUrlAddsTheRemoteServerWithItsTimeout() {
        try (AnnotationConfigApplicationContext context = context(Map.of(
                "vouch.terminology.remote-url", "https://tx.example.org/r4/",
                "vouch.terminology.remote-timeout", "750ms",
                "vouch.terminology.refresh-interval", "200ms"))) {

            assertThat(context.getBean(RemoteTerminology.class).host()).isEqualTo("tx.example.org");
            assertThat(context.getBean(TerminologyProperties.class).remoteTimeout()).hasMillis(750);
            assertThat(context.getBean(TerminologyProperties.class).refreshInterval()).hasMillis(200);
        }
    }

    @Test
    void aBlankRemoteUrlMeansNoRemoteServer() {
        try (AnnotationConfigApplicationContext context = context(Map.of("vouch.terminology.remote-url", " "))) {
            assertThat(context.getBeansOfType(RemoteTerminology.class)).isEmpty();
        }
    }
}
