package dev.vouch.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the admin token comes from in each kind of run, and how a presented token is judged. */
class AdminCredentialTest {

    private final Logger log = (Logger) LoggerFactory.getLogger(AdminSecurityConfiguration.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void listen() {
        logged.start();
        log.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        log.detachAppender(logged);
    }

    @Test
    void aConfiguredTokenIsUsedAsGivenAndNeverLogged() {
        AdminCredential credential = AdminSecurityConfiguration.credentialFor("  s3cret-admin-token  ", true);

        assertThat(credential.token()).isEqualTo("s3cret-admin-token");
        assertThat(credential.matches("s3cret-admin-token")).isTrue();
        assertThat(credential.matches("s3cret-admin-tokeN")).isFalse();
        assertThat(credential.matches("s3cret-admin-token ")).isFalse();
        assertThat(credential.matches(null)).isFalse();
        assertThat(credential.toString()).doesNotContain("s3cret");
        assertThat(logged.list).isEmpty();
    }

    @Test
    void aDemoRunWithoutATokenGeneratesARandomUrlSafeOneAndLogsItOnceAtWarn() {
        AdminCredential first = AdminSecurityConfiguration.credentialFor(null, true);
        AdminCredential second = AdminSecurityConfiguration.credentialFor("", true);

        assertThat(first.token()).matches("[A-Za-z0-9_-]{43}");
        assertThat(first.token()).isNotEqualTo(second.token());
        assertThat(logged.list).hasSize(2);
        assertThat(logged.list.getFirst().getLevel()).isEqualTo(Level.WARN);
        assertThat(logged.list.getFirst().getFormattedMessage())
                .startsWith("Admin token for this demo run: " + first.token());
    }

    @Test
    void withoutATokenOutsideDemoModeTheAdminApiIsClosedToEveryToken() {
        AdminCredential credential = AdminSecurityConfiguration.credentialFor(" ", false);

        assertThat(credential.isOpen()).isFalse();
        assertThat(credential.matches("")).isFalse();
        assertThat(credential.matches("anything")).isFalse();
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains("disabled until vouch.admin.token is set");
        });
        AdminTokenAuthenticationProvider provider = new AdminTokenAuthenticationProvider(credential);
        assertThatThrownBy(() -> provider.authenticate(new AdminTokenAuthenticationProvider.PresentedToken("")))
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void theRightTokenAuthenticatesTheAdminPrincipalWithTheAdminRole() {
        AdminTokenAuthenticationProvider provider =
                new AdminTokenAuthenticationProvider(new AdminCredential("s3cret-admin-token"));

        Authentication admin = provider.authenticate(
                new AdminTokenAuthenticationProvider.PresentedToken("s3cret-admin-token"));

        assertThat(admin.isAuthenticated()).isTrue();
        assertThat(admin.getName()).isEqualTo("admin");
        assertThat(admin.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_ADMIN");
        assertThat(admin.getCredentials()).isNull();
        assertThatThrownBy(() -> provider.authenticate(new AdminTokenAuthenticationProvider.PresentedToken("nope")))
                .isInstanceOf(BadCredentialsException.class);
    }
}
