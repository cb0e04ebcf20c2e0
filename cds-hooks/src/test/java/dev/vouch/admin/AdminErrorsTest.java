package dev.vouch.admin;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests the admin API refuses: the right status, and an OperationOutcome that says what to fix. */
class AdminErrorsTest extends AdminApiTest {

    @Test
    void malformedJsonIsABadRequestThatDoesNotEchoTheBody() {
        AdminClient.Answer answer = admin().post(ADMIN + "/ValueSet",
                "{\"resourceType\": \"ValueSet\", \"status\": \"secret-draft-value\", ");

        OperationOutcome outcome = answer.outcome(400);
        assertThat(outcome.getIssueFirstRep().getCode().toCode()).isEqualTo("invalid");
        assertThat(answer.diagnostics(400)).contains("not a FHIR R4 resource in JSON");
        assertThat(answer.body()).doesNotContain("secret-draft-value").doesNotContain("Exception")
                .doesNotContain("at dev.vouch");
    }

    @Test
    void anEmptyBodyXmlOrAnUnknownResourceTypeIsABadRequest() {
        assertThat(admin().post(ADMIN + "/ValueSet", "").diagnostics(400)).contains("body is empty");
        assertThat(admin().post(ADMIN + "/ValueSet", "<ValueSet xmlns=\"http://hl7.org/fhir\"/>").diagnostics(400))
                .contains("not XML");
        assertThat(admin().post(ADMIN + "/ValueSet", "{\"resourceType\": \"Gadget\"}").diagnostics(400))
                .contains("resourceType");
    }

    @Test
    void aBodyOfAnotherResourceTypeThanThePathIsABadRequest() {
        AdminClient.Answer answer = admin().post(ADMIN + "/ValueSet", new Patient().setActive(true));

        assertThat(answer.diagnostics(400)).contains("Patient").contains("takes a ValueSet");
    }

    @Test
    void anUpdateWhoseBodyIdDiffersFromThePathIsABadRequest() {
        ValueSet stored = create(Resources.valueSet(Resources.freshUrl("ValueSet"), Resources.SNOMED, "35489007"));
        ValueSet other = stored.copy();
        other.setId("someone-else");

        AdminClient.Answer answer = admin().put(pathOf(stored), other, "W/\"1\"");

        assertThat(answer.diagnostics(400)).contains("someone-else").contains(stored.getIdPart());
    }

    @Test
    void aMalformedIfMatchIsABadRequest() {
        ValueSet stored = create(Resources.valueSet(Resources.freshUrl("ValueSet"), Resources.SNOMED, "35489007"));

        assertThat(admin().put(pathOf(stored), stored, "version one").diagnostics(400)).contains("If-Match");
    }

    @Test
    void unknownTypesIdsVersionsAndEndpointsAreNotFound() {
        ValueSet stored = create(Resources.valueSet(Resources.freshUrl("ValueSet"), Resources.SNOMED, "35489007"));

        assertThat(admin().get(ADMIN + "/Patient/17").diagnostics(404))
                .contains("CodeSystem, ValueSet, ConceptMap and Questionnaire");
        assertThat(admin().post(ADMIN + "/Patient", new Patient()).diagnostics(404)).contains("'Patient'");
        assertThat(admin().get(ADMIN + "/ValueSet/no-such-id").diagnostics(404)).contains("no-such-id");
        assertThat(admin().put(ADMIN + "/CodeSystem/no-such-id",
                Resources.codeSystem(Resources.freshUrl("CodeSystem")).setId("no-such-id"), null).outcome(404)
                .getIssueFirstRep().getCode().toCode()).isEqualTo("not-found");
        assertThat(admin().get(pathOf(stored) + "/_history/7").diagnostics(404)).contains("_history");
        assertThat(admin().get(ADMIN + "/CodeSystem/$expand").diagnostics(404)).contains("ValueSet/$expand");
        assertThat(admin().get(ADMIN + "/ValueSet/a/b/c/d").diagnostics(404)).contains("$export");
    }

    @Test
    void aMethodTheAdminApiDoesNotUseIsNotAllowed() {
        ValueSet stored = create(Resources.valueSet(Resources.freshUrl("ValueSet"), Resources.SNOMED, "35489007"));

        assertThat(admin().send("PATCH", pathOf(stored), "[]", null).diagnostics(405)).contains("PATCH");
    }

    @Test
    void aResourceMissingARequiredElementIsRefusedWithTheValidatorsReasonAndWhere() {
        ValueSet withoutStatus = Resources.valueSet(Resources.freshUrl("ValueSet"), Resources.SNOMED, "35489007");
        withoutStatus.setStatus(null);

        AdminClient.Answer answer = admin().post(ADMIN + "/ValueSet", withoutStatus);

        OperationOutcome outcome = answer.outcome(422);
        assertThat(outcome.getIssue()).anySatisfy(issue -> {
            assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
            assertThat(issue.getDiagnostics()).contains("ValueSet.status").contains("minimum required = 1");
            assertThat(issue.getExpression()).extracting(expression -> expression.getValue())
                    .containsExactly("ValueSet");
        });
        assertThat(searchByUrl("ValueSet", withoutStatus.getUrl()).getTotal()).isZero();
    }

    @Test
    void wrongTypesAndCodesOutsideARequiredBindingAreRefusedWithEachReason() {
        String url = Resources.freshUrl("ValueSet");
        String body = """
                {"resourceType": "ValueSet", "url": "%s", "status": "published", "experimental": "yes",
                 "compose": {"include": [{"system": "http://snomed.info/sct", "concept": [{"code": "35489007"}]}]}}
                """.formatted(url);

        AdminClient.Answer answer = admin().post(ADMIN + "/ValueSet", body);

        OperationOutcome outcome = answer.outcome(422);
        assertThat(outcome.getIssue()).anySatisfy(issue -> {
            assertThat(issue.getDiagnostics()).contains("boolean");
            assertThat(issue.getExpression()).extracting(expression -> expression.getValue())
                    .contains("ValueSet.experimental");
        });
        assertThat(outcome.getIssue()).anySatisfy(issue -> {
            assertThat(issue.getDiagnostics()).contains("published");
            assertThat(issue.getExpression()).extracting(expression -> expression.getValue())
                    .contains("ValueSet.status");
        });
        assertThat(searchByUrl("ValueSet", url).getTotal()).isZero();
    }

    @Test
    void codesFromLoincSnomedAndIcdAreAcceptedThoughNoTerminologyServerCanCheckThem() {
        ValueSet valueSet = Resources.valueSet(Resources.freshUrl("ValueSet"), Resources.SNOMED, "35489007");
        valueSet.getCompose().addInclude().setSystem(Resources.ICD_10_CM).addConcept().setCode("F32.9");
        valueSet.getCompose().addInclude().setSystem(Resources.LOINC).addConcept().setCode("44261-6");
        valueSet.getCompose().addInclude().setSystem(Resources.SNOMED).addFilter()
                .setProperty("concept").setOp(ValueSet.FilterOperator.ISA).setValue("35489007");

        AdminClient.Answer created = admin().post(ADMIN + "/ValueSet", valueSet);

        assertThat(created.status()).as("status; body %s", created.body()).isEqualTo(201);
        create(Resources.questionnaire(Resources.freshUrl("Questionnaire")));
    }
}
