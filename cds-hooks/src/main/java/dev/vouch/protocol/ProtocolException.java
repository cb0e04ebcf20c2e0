package dev.vouch.protocol;

import org.springframework.http.HttpStatus;

import java.util.List;

/**
 * A request Vouch cannot serve, with the status and a message that says what to change. Messages never quote
 * request content beyond field names.
 */
public class ProtocolException extends RuntimeException {

    private final HttpStatus status;
    private final String error;
    private final List<String> details;

    public ProtocolException(HttpStatus status, String error, String message, List<String> details) {
        super(message);
        this.status = status;
        this.error = error;
        this.details = List.copyOf(details);
    }

    public static ProtocolException badRequest(String message, String... details) {
        return new ProtocolException(HttpStatus.BAD_REQUEST, "bad-request", message, List.of(details));
    }

    public HttpStatus status() {
        return status;
    }

    public String error() {
        return error;
    }

    public List<String> details() {
        return details;
    }
}
