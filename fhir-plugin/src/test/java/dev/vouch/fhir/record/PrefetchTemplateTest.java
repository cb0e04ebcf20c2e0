package dev.vouch.fhir.record;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PrefetchTemplateTest {

    @Test
    void everyTokenIsReplacedByItsValue() {
        PrefetchTemplate template = new PrefetchTemplate("observations",
                "Observation?patient={{context.patientId}}&encounter={{context.encounterId}}&category=survey");

        assertThat(template.resolve(Map.of("context.patientId", "demo-item9", "context.encounterId", "enc-7")))
                .contains("Observation?patient=demo-item9&encounter=enc-7&category=survey");
    }

    @Test
    void aReadTemplateResolvesToAResourceReference() {
        assertThat(new PrefetchTemplate("patient", "Patient/{{context.patientId}}")
                .resolve(Map.of("context.patientId", "123"))).contains("Patient/123");
    }

    @Test
    void spacesInsideTheBracesAreAllowed() {
        assertThat(new PrefetchTemplate("patient", "Patient/{{ context.patientId }}")
                .resolve(Map.of("context.patientId", "123"))).contains("Patient/123");
    }

    @Test
    void theSameTokenMayAppearTwice() {
        assertThat(new PrefetchTemplate("both", "Observation?subject={{userPractitionerId}}&performer={{userPractitionerId}}")
                .resolve(Map.of("userPractitionerId", "p1"))).contains("Observation?subject=p1&performer=p1");
    }

    @Test
    void valuesAreUrlEncodedSoTheyCannotAddQueryParameters() {
        PrefetchTemplate template = new PrefetchTemplate("responses", "QuestionnaireResponse?patient={{context.patientId}}");

        assertThat(template.resolve(Map.of("context.patientId", "123&_count=1000#x")))
                .contains("QuestionnaireResponse?patient=123%26_count%3D1000%23x");
    }

    @Test
    void valuesWithSlashesBarsAndNonAsciiLettersAreEncoded() {
        PrefetchTemplate template = new PrefetchTemplate("responses", "QuestionnaireResponse?patient={{context.patientId}}");

        assertThat(template.resolve(Map.of("context.patientId", "Patient/a|é")))
                .contains("QuestionnaireResponse?patient=Patient%2Fa%7C%C3%A9");
    }

    @Test
    void valuesThatLookLikeRegexReplacementsAreInsertedLiterally() {
        PrefetchTemplate template = new PrefetchTemplate("patient", "Patient/{{context.patientId}}");

        assertThat(template.resolve(Map.of("context.patientId", "$1\\x"))).contains("Patient/%241%5Cx");
    }

    @Test
    void aTokenWithoutAValueLeavesNoQuery() {
        PrefetchTemplate template = new PrefetchTemplate("practitioner",
                "Observation?patient={{context.patientId}}&performer={{userPractitionerId}}");

        assertThat(template.resolve(Map.of("context.patientId", "123"))).isEmpty();
    }

    @Test
    void aBlankValueCountsAsMissing() {
        assertThat(new PrefetchTemplate("patient", "Patient/{{context.patientId}}")
                .resolve(Map.of("context.patientId", "  "))).isEmpty();
    }

    @Test
    void aQueryWithoutTokensIsKeptAsItIs() {
        assertThat(new PrefetchTemplate("metadata", "Questionnaire?url=http://example.org/q")
                .resolve(Map.of())).contains("Questionnaire?url=http://example.org/q");
    }
}
