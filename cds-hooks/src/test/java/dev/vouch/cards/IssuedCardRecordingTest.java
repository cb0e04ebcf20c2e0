package dev.vouch.cards;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.testing.Cards;
import dev.vouch.testing.HookCall;
import dev.vouch.testing.Prefetch;
import dev.vouch.testing.Records;
import dev.vouch.testing.VouchHttpTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class IssuedCardRecordingTest extends VouchHttpTest {

    private static final Map<String, String> KIND_BY_RULE = Map.of(
            Cards.PHQ9_ITEM9_RULE, "suicide-risk",
            Cards.PHQ9_SCORE_RULE, "instrument-score",
            Cards.GAD7_SCORE_RULE, "instrument-score");

    @Autowired
    private IssuedCardLog issuedCards;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void everyReturnedCardIsRecordedOnceWithItsKindRuleServiceHookInstanceAndPatient() {
        HookCall call = HookCall.patientView("demo-item9")
                .prefetch(Prefetch.fullRecord(Records.demoPatient("demo-item9", Instant.now())));
        JsonNode cards = cardsFor(call);
        assertThat(issuedCards.flush(Duration.ofSeconds(5))).as("the card log drained").isTrue();

        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT * FROM issued_card WHERE hook_instance = ?", call.hookInstance());

        assertThat(cards).hasSize(3);
        assertThat(rows).hasSize(cards.size());
        Map<String, Map<String, Object>> byUuid = rows.stream()
                .collect(Collectors.toMap(row -> row.get("card_uuid").toString(), Function.identity()));
        for (JsonNode card : Cards.all(cards)) {
            String uuid = card.path("uuid").asText();
            Map<String, Object> row = byUuid.get(UUID.fromString(uuid).toString());
            assertThat(row).as("row for card %s", uuid).isNotNull();
            assertThat(row.get("rule_id")).isEqualTo(Cards.rule(card));
            assertThat(row.get("kind")).isEqualTo(KIND_BY_RULE.get(Cards.rule(card)));
            assertThat(row.get("indicator")).isEqualTo(card.path("indicator").asText());
            assertThat(row.get("service_id")).isEqualTo("mental-health-review");
            assertThat(row.get("hook")).isEqualTo("patient-view");
            assertThat(row.get("patient_ref")).isEqualTo("Patient/demo-item9");
            assertThat(row.get("issued_at")).isNotNull();
        }
    }

    @Test
    void aRefusedCallRecordsNoCards() {
        HookCall call = HookCall.patientView("refused");
        assertThat(post(SERVICE_PATH, call.json()).status()).isEqualTo(412);
        assertThat(issuedCards.flush(Duration.ofSeconds(5))).isTrue();

        Integer rows = jdbc.queryForObject("SELECT count(*) FROM issued_card WHERE hook_instance = ?", Integer.class,
                call.hookInstance());

        assertThat(rows).isZero();
    }
}
