package dev.vouch.system;

import dev.vouch.testing.VouchHttpTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HealthTest extends VouchHttpTest {

    @Test
    void healthIsUpWithTheEmbeddedDatabaseRunning() {
        Reply reply = get("/actuator/health");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("status").asText()).isEqualTo("UP");
    }
}
