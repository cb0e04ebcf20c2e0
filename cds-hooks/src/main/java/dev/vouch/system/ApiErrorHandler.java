package dev.vouch.system;

import dev.vouch.fhir.record.MissingDataException;
import dev.vouch.protocol.ErrorBody;
import dev.vouch.protocol.ProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.List;
import java.util.UUID;

/**
 * Every error is a JSON {@link ErrorBody}: the status, a stable error code and a message that says what to change.
 * No stack trace, token or request content ever appears in a response.
 */
@RestControllerAdvice
public class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    @ExceptionHandler(ProtocolException.class)
    ResponseEntity<ErrorBody> protocol(ProtocolException e) {
        log.info("Refused request: {} {}", e.status().value(), e.getMessage());
        return body(e.status(), e.error(), e.getMessage(), e.details());
    }

    @ExceptionHandler(MissingDataException.class)
    ResponseEntity<ErrorBody> missingData(MissingDataException e) {
        log.info("Refused request: 412 prefetch missing for {}", e.missingKeys());
        return body(HttpStatus.PRECONDITION_FAILED, "missing-prefetch", e.getMessage(), e.missingKeys());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorBody> method(HttpRequestMethodNotSupportedException e) {
        return body(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                "Method " + e.getMethod() + " is not allowed here; allowed: " + e.getSupportedHttpMethods(), List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorBody> mediaType(HttpMediaTypeNotSupportedException e) {
        return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "Send the request body as JSON with the header Content-Type: application/json", List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ErrorBody> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return body(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Vouch answers in application/json", List.of());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ErrorBody> notFound(NoResourceFoundException e) {
        return body(HttpStatus.NOT_FOUND, "not-found", "No such endpoint; GET /cds-services lists the services",
                List.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorBody> unexpected(Exception e) {
        String reference = UUID.randomUUID().toString();
        // The exception's message may quote request content, so only its type and frames are logged.
        RuntimeException withoutMessage = new RuntimeException(e.getClass().getName());
        withoutMessage.setStackTrace(e.getStackTrace());
        log.error("Unexpected failure, reference {}", reference, withoutMessage);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "Vouch failed unexpectedly; quote reference " + reference + " to the operators", List.of());
    }

    private static ResponseEntity<ErrorBody> body(HttpStatus status, String error, String message, List<String> details) {
        return ResponseEntity.status(status).body(new ErrorBody(error, message, details));
    }
}
