package dev.vouch.admin;

import dev.vouch.terminology.ValueSets;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** $expand, $validate-code, $lookup and $translate over the bundled content and over what an admin adds. */
class TerminologyOperationsTest extends AdminApiTest {

    private static final String DEPRESSION = encoded(ValueSets.DEPRESSION);

    @Test
    void expandWithAFilterReturnsOnlyTheCodesWhoseDisplayMatches() {
        ValueSet expanded = admin().get(ADMIN + "/ValueSet/$expand?url=" + DEPRESSION + "&filter=recurrent")
                .resource(200, ValueSet.class);

        List<ValueSet.ValueSetExpansionContainsComponent> codes = expanded.getExpansion().getContains();
        assertThat(codes).isNotEmpty();
        assertThat(codes).allSatisfy(code -> assertThat(code.getDisplay()).containsIgnoringCase("recurrent"));
        assertThat(codes).extracting(ValueSet.ValueSetExpansionContainsComponent::getCode).contains("F33.1")
                .doesNotContain("F32.0");
        assertThat(expanded.getExpansion().getTotal()).isEqualTo(codes.size());
    }

    @Test
    void expandPagesWithOffsetAndCountOverTheSameTotal() {
        ValueSet all = expansion("&filter=recurrent");
        ValueSet firstPage = expansion("&filter=recurrent&offset=0&count=3");
        ValueSet secondPage = expansion("&filter=recurrent&offset=3&count=3");

        assertThat(firstPage.getExpansion().getContains()).hasSize(3);
        assertThat(firstPage.getExpansion().getTotal()).isEqualTo(all.getExpansion().getTotal());
        assertThat(secondPage.getExpansion().getOffset()).isEqualTo(3);
        List<String> pagedCodes = new ArrayList<>(codes(firstPage));
        pagedCodes.addAll(codes(secondPage));
        assertThat(pagedCodes).containsExactlyElementsOf(codes(all).subList(0, 6));
    }

    @Test
    void expandByPostedParametersAndByIdAnswerLikeTheQueryString() {
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("url").setValue(new UriType(ValueSets.DEPRESSION));
        parameters.addParameter().setName("filter").setValue(new StringType("recurrent"));
        parameters.addParameter().setName("count").setValue(new IntegerType(2));
        String id = searchByUrl("ValueSet", ValueSets.DEPRESSION).getEntryFirstRep().getResource().getIdPart();

        ValueSet posted = admin().post(ADMIN + "/ValueSet/$expand", parameters).resource(200, ValueSet.class);
        ValueSet byId = admin().get(ADMIN + "/ValueSet/" + id + "/$expand?filter=recurrent&count=2")
                .resource(200, ValueSet.class);

        assertThat(codes(posted)).containsExactlyElementsOf(codes(expansion("&filter=recurrent&count=2")));
        assertThat(codes(byId)).containsExactlyElementsOf(codes(posted));
    }

    @Test
    void validateCodeIsTrueForAMemberAndFalseForAnythingElse() {
        Parameters inSet = admin().get(ADMIN + "/ValueSet/$validate-code?url=" + DEPRESSION
                + "&system=" + encoded(Resources.ICD_10_CM) + "&code=F33.1").resource(200, Parameters.class);
        Parameters notInSet = admin().get(ADMIN + "/ValueSet/$validate-code?url=" + DEPRESSION
                + "&system=" + encoded(Resources.ICD_10_CM) + "&code=F41.1").resource(200, Parameters.class);

        assertThat(inSet.getParameterBool("result")).isTrue();
        assertThat(notInSet.getParameterBool("result")).isFalse();
        assertThat(notInSet.getParameterValue("message").primitiveValue()).contains("F41.1");
    }

    @Test
    void validateCodeTakesACodingInPostedParameters() {
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("url").setValue(new UriType(ValueSets.DEPRESSION));
        parameters.addParameter().setName("coding").setValue(new Coding(Resources.ICD_10_CM, "F33.1", null));

        Parameters answer = admin().post(ADMIN + "/ValueSet/$validate-code", parameters)
                .resource(200, Parameters.class);

        assertThat(answer.getParameterBool("result")).isTrue();
    }

    @Test
    void lookupFindsTheDisplayOfACodeInACodeSystemAnAdminAdded() {
        CodeSystem codes = create(Resources.codeSystem(Resources.freshUrl("CodeSystem"),
                "low-mood", "Low mood most days", "anhedonia", "Loss of interest"));

        Parameters answer = admin().get(ADMIN + "/CodeSystem/$lookup?system=" + encoded(codes.getUrl())
                + "&code=anhedonia").resource(200, Parameters.class);

        assertThat(answer.getParameterValue("display").primitiveValue()).isEqualTo("Loss of interest");
    }

    @Test
    void lookupOfACodeTheCodeSystemDoesNotHoldIsNotFound() {
        CodeSystem codes = create(Resources.codeSystem(Resources.freshUrl("CodeSystem"), "a", "Alpha"));

        AdminClient.Answer answer = admin().get(ADMIN + "/CodeSystem/$lookup?system=" + encoded(codes.getUrl())
                + "&code=zzz");

        assertThat(answer.diagnostics(404)).contains("zzz");
    }

    @Test
    void translateFindsTheTargetOfAConceptMapAnAdminAdded() {
        String source = Resources.freshUrl("CodeSystem");
        ConceptMap map = create(Resources.conceptMap(Resources.freshUrl("ConceptMap"), source, "mdd-recurrent",
                Resources.ICD_10_CM, "F33.9"));

        Parameters answer = admin().get(ADMIN + "/ConceptMap/$translate?url=" + encoded(map.getUrl())
                + "&system=" + encoded(source) + "&code=mdd-recurrent&target=" + encoded(Resources.ICD_10_CM))
                .resource(200, Parameters.class);
        Parameters unknown = admin().get(ADMIN + "/ConceptMap/$translate?system=" + encoded(source)
                + "&code=not-mapped").resource(200, Parameters.class);

        assertThat(answer.getParameterBool("result")).isTrue();
        Parameters.ParametersParameterComponent match = answer.getParameter().stream()
                .filter(parameter -> parameter.getName().equals("match")).findFirst().orElseThrow();
        Coding concept = (Coding) match.getPart().stream()
                .filter(part -> part.getName().equals("concept")).findFirst().orElseThrow().getValue();
        assertThat(concept.getSystem()).isEqualTo(Resources.ICD_10_CM);
        assertThat(concept.getCode()).isEqualTo("F33.9");
        assertThat(unknown.getParameterBool("result")).isFalse();
    }

    @Test
    void aRetiredValueSetStopsTakingEffect() {
        ValueSet valueSet = create(Resources.valueSet(Resources.freshUrl("ValueSet"), Resources.SNOMED, "35489007"));
        String expand = ADMIN + "/ValueSet/$expand?url=" + encoded(valueSet.getUrl());
        assertThat(admin().get(expand).resource(200, ValueSet.class).getExpansion().getTotal()).isEqualTo(1);

        admin().delete(pathOf(valueSet), null).resource(200, ValueSet.class);

        assertThat(admin().get(expand).diagnostics(404)).contains(valueSet.getUrl());
    }

    @Test
    void anOperationRefusesParametersItDoesNotTakeAndNamesTheOnesItDoes() {
        AdminClient.Answer misspelt = admin().get(ADMIN + "/ValueSet/$expand?url=" + DEPRESSION + "&filer=recurrent");
        AdminClient.Answer noUrl = admin().get(ADMIN + "/ValueSet/$expand?filter=recurrent");
        AdminClient.Answer negative = admin().get(ADMIN + "/ValueSet/$expand?url=" + DEPRESSION + "&count=-1");
        AdminClient.Answer noCode = admin().get(ADMIN + "/CodeSystem/$lookup?system=" + encoded(Resources.SNOMED));

        assertThat(misspelt.diagnostics(400)).contains("'filer'").contains("url, filter, offset, count");
        assertThat(noUrl.diagnostics(400)).contains("'url'");
        assertThat(negative.diagnostics(400)).contains("'count'");
        assertThat(noCode.diagnostics(400)).contains("'code'");
    }

    @Test
    void expandOfAValueSetNobodyHoldsIsNotFound() {
        String url = Resources.freshUrl("ValueSet");

        AdminClient.Answer answer = admin().get(ADMIN + "/ValueSet/$expand?url=" + encoded(url));

        assertThat(answer.outcome(404).getIssueFirstRep().getCode().toCode()).isEqualTo("not-found");
        assertThat(searchByUrl("ValueSet", url).getTotal()).isZero();
    }

    private ValueSet expansion(String parameters) {
        return admin().get(ADMIN + "/ValueSet/$expand?url=" + DEPRESSION + parameters).resource(200, ValueSet.class);
    }

    private static List<String> codes(ValueSet expansion) {
        return expansion.getExpansion().getContains().stream()
                .map(ValueSet.ValueSetExpansionContainsComponent::getCode).toList();
    }
}
