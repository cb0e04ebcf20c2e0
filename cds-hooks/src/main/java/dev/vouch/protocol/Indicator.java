package dev.vouch.protocol;

import com.fasterxml.jackson.annotation.JsonValue;

/** A card's urgency, in the order an EHR should show them: critical first. */
public enum Indicator {
    CRITICAL, WARNING, INFO;

    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
