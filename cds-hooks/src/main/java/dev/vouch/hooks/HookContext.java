package dev.vouch.hooks;

import java.util.Optional;

/** The validated context of a patient-facing hook call. */
public record HookContext(String serviceId, String hook, String hookInstance, String userId, String patientId,
                          Optional<String> encounterId) {
}
