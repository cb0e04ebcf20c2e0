package dev.vouch.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the admin API, under {@code vouch.admin.}.
 *
 * @param token the bearer token admin calls must present ({@code VOUCH_ADMIN_TOKEN}); when unset, a demo run
 *              generates one and prints it once, and any other run keeps the admin API closed
 */
@ConfigurationProperties("vouch.admin")
public record AdminProperties(String token) {
}
