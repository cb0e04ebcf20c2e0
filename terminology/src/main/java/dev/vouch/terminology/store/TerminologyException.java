package dev.vouch.terminology.store;

import java.util.List;

/** A terminology request that cannot be carried out, by kind; the admin API maps each to its status. */
public sealed class TerminologyException extends RuntimeException {

    private final List<String> issues;

    protected TerminologyException(String message, List<String> issues) {
        super(message);
        this.issues = List.copyOf(issues);
    }

    public List<String> issues() {
        return issues;
    }

    /** 404. */
    public static final class NotFound extends TerminologyException {
        public NotFound(String message) {
            super(message, List.of());
        }
    }

    /** 409: the resource changed since the version the author edited. */
    public static final class Conflict extends TerminologyException {
        public Conflict(String message) {
            super(message, List.of());
        }
    }

    /** 400: the request itself is malformed. */
    public static final class BadRequest extends TerminologyException {
        public BadRequest(String message) {
            super(message, List.of());
        }
    }

    /** 422: the resource is well-formed but not valid (the validator's reasons in {@link #issues()}). */
    public static final class Invalid extends TerminologyException {
        public Invalid(String message, List<String> issues) {
            super(message, issues);
        }
    }

    /** 502/503: a remote terminology server did not answer. */
    public static final class Unavailable extends TerminologyException {
        public Unavailable(String message) {
            super(message, List.of());
        }
    }
}
