package dev.vouch.security;

import dev.vouch.admin.AdminApiTest;
import dev.vouch.admin.AdminClient;
import dev.vouch.admin.Resources;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin API opens only to the admin token; the rest of Vouch answers as it did before security. */
class AdminAuthenticationTest extends AdminApiTest {

    @Test
    void anAdminCallWithoutATokenIsUnauthorizedWithABearerChallengeAndNoReason() {
        AdminClient.Answer answer = anonymous().get(ADMIN + "/$export");

        assertUnauthorized(answer);
    }

    @Test
    void aWrongTokenAnotherSchemeOrAnEmptyTokenIsAnsweredExactlyLikeNoToken() {
        AdminClient.Answer wrong = AdminClient.withToken(baseUrl(), fhirContext, adminCredential.token() + "x")
                .get(ADMIN + "/ValueSet");
        AdminClient.Answer basic = anonymous().with("Authorization", "Basic YWRtaW46YWRtaW4=").get(ADMIN + "/ValueSet");
        AdminClient.Answer empty = anonymous().with("Authorization", "Bearer ").get(ADMIN + "/ValueSet");
        AdminClient.Answer none = anonymous().get(ADMIN + "/ValueSet");

        assertUnauthorized(wrong);
        assertUnauthorized(basic);
        assertUnauthorized(empty);
        assertThat(wrong.body()).isEqualTo(none.body()).isEqualTo(basic.body()).isEqualTo(empty.body());
    }

    @Test
    void aWriteWithoutTheTokenStoresNothing() {
        ValueSet valueSet = Resources.valueSet(Resources.freshUrl("ValueSet"), Resources.SNOMED, "35489007");

        assertUnauthorized(anonymous().post(ADMIN + "/ValueSet", valueSet));

        assertThat(searchByUrl("ValueSet", valueSet.getUrl()).getTotal()).isZero();
    }

    @Test
    void theTokenIsAcceptedWhateverTheCaseOfItsScheme() {
        AdminClient.Answer answer = anonymous().with("Authorization", "bearer " + adminCredential.token())
                .get(ADMIN + "/ValueSet?_count=1");

        answer.resource(200, Bundle.class);
        assertThat(answer.header("Set-Cookie")).as("no session is created").isNull();
    }

    @Test
    void healthAndDiscoveryStayOpenWithoutAnyCredential() {
        assertThat(get("/actuator/health").status()).isEqualTo(200);
        assertThat(get("/cds-services").status()).isEqualTo(200);
    }

    @Test
    void theCdsHooksEndpointsCannotChangeTheTerminology() {
        Bundle before = admin().get(ADMIN + "/$export").resource(200, Bundle.class);
        ValueSet valueSet = Resources.valueSet(Resources.freshUrl("ValueSet"), Resources.SNOMED, "35489007");
        String body = admin().encode(valueSet);

        int call = post(SERVICE_PATH, body).status();
        int feedback = post(SERVICE_PATH + "/feedback", body).status();
        int demoFhirServer = post("/fhir/ValueSet", body).status();

        assertThat(call).as("hook call with a ValueSet body").isEqualTo(400);
        assertThat(feedback).as("feedback with a ValueSet body").isBetween(400, 499);
        assertThat(demoFhirServer).as("create on the demo FHIR server").isBetween(400, 499);
        Bundle after = admin().get(ADMIN + "/$export").resource(200, Bundle.class);
        assertThat(versions(after)).isEqualTo(versions(before));
        assertThat(searchByUrl("ValueSet", valueSet.getUrl()).getTotal()).isZero();
    }

    private static java.util.List<String> versions(Bundle export) {
        return export.getEntry().stream()
                .map(entry -> entry.getFullUrl() + "|" + entry.getResource().getMeta().getVersionId())
                .toList();
    }

    private static void assertUnauthorized(AdminClient.Answer answer) {
        OperationOutcome outcome = answer.outcome(401);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(outcome.getIssue()).singleElement().satisfies(issue -> {
            assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.LOGIN);
            assertThat(issue.getDiagnostics()).isEqualTo("admin credential required");
        });
    }
}
