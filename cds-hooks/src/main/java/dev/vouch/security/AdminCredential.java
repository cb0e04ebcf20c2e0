package dev.vouch.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The bearer token that opens the admin API: {@code vouch.admin.token}, or one generated for a demo run. An empty
 * token means the admin API is closed: nothing matches it.
 */
public record AdminCredential(String token) {

    public AdminCredential {
        Objects.requireNonNull(token, "token");
    }

    /** No token configured outside demo mode: every admin request is refused. */
    static AdminCredential closed() {
        return new AdminCredential("");
    }

    public boolean isOpen() {
        return !token.isEmpty();
    }

    /** Whether a presented token is this one, compared in time that does not depend on where they differ. */
    public boolean matches(String presented) {
        return isOpen() && presented != null
                && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    /** Never the token itself: records end up in logs and debuggers. */
    @Override
    public String toString() {
        return "AdminCredential[" + (isOpen() ? "set" : "closed") + "]";
    }
}
