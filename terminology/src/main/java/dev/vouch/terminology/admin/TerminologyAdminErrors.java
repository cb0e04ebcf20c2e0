package dev.vouch.terminology.admin;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import dev.vouch.terminology.store.TerminologyException;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every refusal of the admin API is a FHIR OperationOutcome with the status that fits and a diagnostics message that
 * says what to fix. No stack trace and no part of the request body beyond what a validator quotes as its reason.
 */
@RestControllerAdvice(assignableTypes = TerminologyAdminController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TerminologyAdminErrors {

    private static final Logger log = LoggerFactory.getLogger(TerminologyAdminErrors.class);
    private static final String LINE_EXTENSION = "http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-line";
    private static final String COLUMN_EXTENSION = "http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-col";
    private static final Pattern POSITION = Pattern.compile("line:? (\\d+), column:? (\\d+)");

    private final FhirContext fhirContext;

    public TerminologyAdminErrors(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    @ExceptionHandler(TerminologyException.class)
    ResponseEntity<String> refused(TerminologyException e) {
        return switch (e) {
            case TerminologyException.NotFound notFound -> answer(HttpStatus.NOT_FOUND, simple(IssueType.NOTFOUND, e));
            case TerminologyException.Conflict conflict -> answer(HttpStatus.CONFLICT, simple(IssueType.CONFLICT, e));
            case TerminologyException.BadRequest badRequest ->
                    answer(HttpStatus.BAD_REQUEST, simple(IssueType.INVALID, e));
            case TerminologyException.Invalid invalid -> {
                OperationOutcome outcome = simple(IssueType.PROCESSING, e);
                invalid.issues().forEach(issue -> outcome.addIssue()
                        .setSeverity(IssueSeverity.ERROR).setCode(IssueType.PROCESSING).setDiagnostics(issue));
                yield answer(HttpStatusCode.valueOf(422), outcome);
            }
            case TerminologyException.Unavailable unavailable ->
                    answer(HttpStatus.SERVICE_UNAVAILABLE, simple(IssueType.TRANSIENT, e));
            default -> unexpected(e);
        };
    }

    @ExceptionHandler(InvalidResourceException.class)
    ResponseEntity<String> invalid(InvalidResourceException e) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.PROCESSING)
                .setDiagnostics(e.getMessage());
        for (InvalidResourceException.Issue issue : e.issues()) {
            OperationOutcome.OperationOutcomeIssueComponent component = outcome.addIssue()
                    .setSeverity(issue.fatal() ? IssueSeverity.FATAL : IssueSeverity.ERROR)
                    .setCode(IssueType.PROCESSING)
                    .setDiagnostics(issue.message());
            if (issue.location() != null) {
                component.addExpression(issue.location());
            }
            if (issue.line() != null && issue.line() > 0) {
                component.addExtension(LINE_EXTENSION, new IntegerType(issue.line()));
            }
            if (issue.column() != null && issue.column() > 0) {
                component.addExtension(COLUMN_EXTENSION, new IntegerType(issue.column()));
            }
        }
        return answer(HttpStatusCode.valueOf(422), outcome);
    }

    /** The body is not FHIR JSON. HAPI's message may quote the body, so only the position is passed on. */
    @ExceptionHandler(DataFormatException.class)
    ResponseEntity<String> unreadable(DataFormatException e) {
        Matcher position = POSITION.matcher(String.valueOf(e.getMessage()));
        String where = position.find() ? " (near line " + position.group(1) + ", column " + position.group(2) + ")"
                : "";
        return answer(HttpStatus.BAD_REQUEST, outcome(IssueType.INVALID, "The request body is not a FHIR R4 "
                + "resource in JSON" + where + ". Send valid JSON with a resourceType FHIR R4 knows, as "
                + "Content-Type: application/fhir+json"));
    }

    @ExceptionHandler(TerminologyAdminController.MethodNotAllowed.class)
    ResponseEntity<String> methodNotAllowed(TerminologyAdminController.MethodNotAllowed e) {
        return answer(HttpStatus.METHOD_NOT_ALLOWED, outcome(IssueType.NOTSUPPORTED, e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<String> unexpected(Exception e) {
        String reference = UUID.randomUUID().toString();
        // The exception's message may quote request content, so only its type and frames are logged.
        RuntimeException withoutMessage = new RuntimeException(e.getClass().getName());
        withoutMessage.setStackTrace(e.getStackTrace());
        log.error("Unexpected failure in the terminology admin API, reference {}", reference, withoutMessage);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, outcome(IssueType.EXCEPTION,
                "Vouch failed unexpectedly; quote reference " + reference + " to the operators"));
    }

    private static OperationOutcome simple(IssueType type, TerminologyException e) {
        return outcome(type, e.getMessage());
    }

    private static OperationOutcome outcome(IssueType type, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(diagnostics);
        return outcome;
    }

    private ResponseEntity<String> answer(HttpStatusCode status, OperationOutcome outcome) {
        if (status.is4xxClientError()) {
            log.info("Refused admin request: {} {}", status.value(), outcome.getIssueFirstRep().getCode().toCode());
        }
        return ResponseEntity.status(status).contentType(TerminologyAdminController.FHIR_JSON)
                .body(fhirContext.newJsonParser().encodeResourceToString(outcome));
    }
}
