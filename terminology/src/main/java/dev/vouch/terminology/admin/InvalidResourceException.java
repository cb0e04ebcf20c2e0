package dev.vouch.terminology.admin;

import java.util.List;

/** A resource the FHIR validator refused (422), with the validator's reasons and where each applies. */
final class InvalidResourceException extends RuntimeException {

    private final List<Issue> issues;

    InvalidResourceException(String message, List<Issue> issues) {
        super(message);
        this.issues = List.copyOf(issues);
    }

    List<Issue> issues() {
        return issues;
    }

    /**
     * One reason.
     *
     * @param fatal    the validator could not go on past this point
     * @param location a FHIRPath-like location, such as {@code ValueSet.status}; null when the validator gave none
     * @param line     line in the request body, or null
     * @param column   column in the request body, or null
     */
    record Issue(boolean fatal, String location, Integer line, Integer column, String message) {
    }
}
