package dev.vouch.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

import java.util.List;

/** Checks the bearer token of an admin call against the {@link AdminCredential}; a match is the principal "admin". */
public final class AdminTokenAuthenticationProvider implements AuthenticationProvider {

    /** The principal name of an admin call, recorded as the author of its changes unless a user is named. */
    public static final String ADMIN_PRINCIPAL = "admin";
    static final String ADMIN_ROLE = "ADMIN";

    private static final String BEARER = "Bearer ";

    private final AdminCredential credential;

    public AdminTokenAuthenticationProvider(AdminCredential credential) {
        this.credential = credential;
    }

    /** The token of an {@code Authorization: Bearer ...} header, not yet checked; null when there is none. */
    static Authentication presentedToken(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return new PresentedToken(header.substring(BEARER.length()).strip());
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        if (!(authentication.getCredentials() instanceof String token) || !credential.matches(token)) {
            // The reason (missing, wrong, admin API closed) is not told to the caller.
            throw new BadCredentialsException("admin credential required");
        }
        return UsernamePasswordAuthenticationToken.authenticated(ADMIN_PRINCIPAL, null,
                AuthorityUtils.createAuthorityList("ROLE_" + ADMIN_ROLE));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return PresentedToken.class.isAssignableFrom(authentication);
    }

    /** A bearer token as presented. */
    static final class PresentedToken extends AbstractAuthenticationToken {

        private final String token;

        PresentedToken(String token) {
            super(List.of());
            this.token = token;
        }

        @Override
        public Object getCredentials() {
            return token;
        }

        @Override
        public Object getPrincipal() {
            return "";
        }
    }
}
