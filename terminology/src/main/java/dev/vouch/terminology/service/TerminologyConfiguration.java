package dev.vouch.terminology.service;

import ca.uhn.fhir.context.FhirContext;
import dev.vouch.terminology.bundled.BundledTerminology;
import dev.vouch.terminology.instrument.InstrumentCatalog;
import dev.vouch.terminology.operations.RemoteTerminology;
import dev.vouch.terminology.operations.TerminologyOperations;
import dev.vouch.terminology.questionnaire.QuestionnaireIndex;
import dev.vouch.terminology.store.JdbcTerminologyRepository;
import dev.vouch.terminology.store.StoredResource;
import dev.vouch.terminology.store.TerminologyRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.util.List;
import java.util.Optional;

/**
 * Wires terminology into the application: the PostgreSQL repository, the bundled content loaded before the first
 * snapshot, the service the hook path reads, the operations, and the remote server when one is configured.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TerminologyProperties.class)
public class TerminologyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TerminologyConfiguration.class);

    @Bean
    TerminologyRepository terminologyRepository(JdbcTemplate jdbcTemplate,
                                                PlatformTransactionManager transactionManager,
                                                FhirContext fhirContext) {
        return new JdbcTerminologyRepository(jdbcTemplate, transactionManager, fhirContext);
    }

    /** Bundled content first, so that the first snapshot already holds it; then the poller starts. */
    @Bean(destroyMethod = "close")
    TerminologyService terminologyService(TerminologyRepository repository, FhirContext fhirContext,
                                          InstrumentCatalog instruments, QuestionnaireIndex bundledForms,
                                          TerminologyProperties properties) {
        List<StoredResource> loaded = new BundledTerminology(fhirContext, instruments).loadInto(repository);
        if (!loaded.isEmpty()) {
            log.info("Stored {} bundled terminology resources that were not yet in the database", loaded.size());
        }
        TerminologyService service = new TerminologyService(repository, instruments, bundledForms,
                properties.refreshInterval());
        service.start();
        log.info("Terminology configuration version {} in memory; other nodes' changes are picked up within {} ms",
                service.current().version(), properties.refreshInterval().toMillis());
        return service;
    }

    @Bean
    @Conditional(RemoteUrlConfigured.class)
    RemoteTerminology remoteTerminology(FhirContext fhirContext, TerminologyProperties properties) {
        RemoteTerminology remote = new RemoteTerminology(fhirContext, properties.remoteUrl(),
                properties.remoteTimeout());
        log.info("Code systems not held here are looked up at the remote terminology server at {} (timeout {} ms)",
                remote.host(), properties.remoteTimeout().toMillis());
        return remote;
    }

    @Bean
    TerminologyOperations terminologyOperations(TerminologyService service,
                                                ObjectProvider<RemoteTerminology> remote) {
        return new TerminologyOperations(service, Optional.ofNullable(remote.getIfAvailable()));
    }

    /** True when {@code vouch.terminology.remote-url} is set to something other than blank. */
    static final class RemoteUrlConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("vouch.terminology.remote-url");
            return url != null && !url.isBlank();
        }
    }
}
