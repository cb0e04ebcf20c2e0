package dev.vouch.system;

import ca.uhn.fhir.context.FhirContext;
import dev.vouch.fhir.demo.DemoFhirServer;
import dev.vouch.fhir.demo.DemoPatients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

import java.time.Clock;

/**
 * Demo mode: an embedded FHIR R4 server at {@code /fhir} holding synthetic patients, so Vouch can be tried with
 * curl and no EHR. Turned off with {@code vouch.demo.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "vouch.demo.enabled", havingValue = "true", matchIfMissing = true)
public class DemoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DemoConfiguration.class);

    @Bean
    ServletRegistrationBean<DemoFhirServer> demoFhirServer(FhirContext fhirContext, Clock clock) {
        DemoFhirServer server = new DemoFhirServer(fhirContext).load(DemoPatients.build(clock.instant()));
        ServletRegistrationBean<DemoFhirServer> registration = new ServletRegistrationBean<>(server, "/fhir/*");
        registration.setName("demoFhirServer");
        registration.setLoadOnStartup(1);
        return registration;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce(ApplicationReadyEvent event) {
        Environment env = event.getApplicationContext().getEnvironment();
        String base = "http://" + env.getProperty("server.address", "127.0.0.1") + ":"
                + env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        log.warn("""

                ==================================================================================
                 VOUCH IS RUNNING IN DEMO MODE: synthetic patients only, not for real patient data.
                 Demo FHIR server (synthetic records): {}/fhir
                 CDS Hooks discovery:                  {}/cds-services
                 Client authentication is not enforced in demo mode; bound to {} only.
                 Turn the demo off with --vouch.demo.enabled=false.
                ==================================================================================""",
                base, base, env.getProperty("server.address", "127.0.0.1"));
    }
}
