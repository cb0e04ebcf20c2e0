package dev.vouch.security;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

import java.io.IOException;

/**
 * The answer to an admin call without a valid admin credential: 401, {@code WWW-Authenticate: Bearer} and an
 * OperationOutcome that says only that the admin credential is required, whether it was missing or wrong.
 */
final class AdminCredentialRequired implements AuthenticationEntryPoint {

    private static final Logger log = LoggerFactory.getLogger(AdminCredentialRequired.class);

    private final String body;

    AdminCredentialRequired(FhirContext fhirContext) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.LOGIN)
                .setDiagnostics("admin credential required");
        this.body = fhirContext.newJsonParser().encodeResourceToString(outcome);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
            throws IOException {
        log.info("Refused admin request without a valid admin credential: {} {}", request.getMethod(),
                request.getRequestURI());
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.getWriter().write(body);
    }
}
