package dev.vouch.security;

import ca.uhn.fhir.context.FhirContext;
import dev.vouch.system.VouchProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Who may call what. {@code /admin/**} needs the admin bearer token ({@link AdminCredential}) and answers 401 with an
 * OperationOutcome without it. Everything else is open for now (CDS client JWTs come with their own issue) and
 * stateless: no sessions, CSRF tokens, login forms or basic auth, so the CDS endpoints answer as they did before.
 * The CDS endpoints have no path to terminology writes; only the admin API changes the configuration.
 */
@Configuration(proxyBeanMethods = false)
public class AdminSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AdminSecurityConfiguration.class);
    private static final int GENERATED_TOKEN_BYTES = 32;

    @Bean
    AdminCredential adminCredential(AdminProperties admin, VouchProperties vouch) {
        return credentialFor(admin.token(), vouch.demo().enabled());
    }

    /**
     * The configured token; else, in a demo run, a random one printed once so that the person who started the demo
     * can use the admin API; else none, and the admin API stays closed.
     */
    static AdminCredential credentialFor(String configured, boolean demoRun) {
        if (configured != null && !configured.isBlank()) {
            return new AdminCredential(configured.strip());
        }
        if (demoRun) {
            byte[] random = new byte[GENERATED_TOKEN_BYTES];
            new SecureRandom().nextBytes(random);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            // The one token Vouch ever logs: a demo run has no other way to hand it to whoever started it.
            log.warn("Admin token for this demo run: {} (send it as 'Authorization: Bearer <token>' to /admin/...; "
                    + "set vouch.admin.token to choose your own)", token);
            return new AdminCredential(token);
        }
        log.warn("The admin API is disabled until vouch.admin.token is set: every /admin request is answered 401");
        return AdminCredential.closed();
    }

    /** Also keeps Spring Boot from creating its default user with a generated password. */
    @Bean
    AdminTokenAuthenticationProvider adminTokenAuthenticationProvider(AdminCredential credential) {
        return new AdminTokenAuthenticationProvider(credential);
    }

    @Bean
    @Order(1)
    SecurityFilterChain adminApi(HttpSecurity http, AdminTokenAuthenticationProvider provider, FhirContext fhirContext)
            throws Exception {
        AdminCredentialRequired credentialRequired = new AdminCredentialRequired(fhirContext);
        AuthenticationFilter bearerToken = new AuthenticationFilter(new ProviderManager(provider),
                AdminTokenAuthenticationProvider::presentedToken);
        // On success the request simply goes on to the endpoint; on failure it is answered 401 at once.
        bearerToken.setSuccessHandler((request, response, authentication) -> { });
        bearerToken.setFailureHandler(new AuthenticationEntryPointFailureHandler(credentialRequired));
        return stateless(http.securityMatcher("/admin/**"))
                .authorizeHttpRequests(requests -> requests.anyRequest()
                        .hasRole(AdminTokenAuthenticationProvider.ADMIN_ROLE))
                .addFilterBefore(bearerToken, AnonymousAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(credentialRequired)
                        .accessDeniedHandler((request, response, denied) ->
                                credentialRequired.commence(request, response, null)))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        return stateless(http)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                // The CDS endpoints' response headers are settled with client authentication; until then, as before.
                .headers(AbstractHttpConfigurer::disable)
                .build();
    }

    private static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http
                // Credentials travel in headers, never in cookies a browser would add by itself: nothing to forge.
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable);
    }
}
