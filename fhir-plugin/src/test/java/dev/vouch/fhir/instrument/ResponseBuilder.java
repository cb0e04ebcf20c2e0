package dev.vouch.fhir.instrument;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;

import java.util.List;

/** Builds a QuestionnaireResponse the way an EHR would send one: a form canonical, a date, answered items. */
final class ResponseBuilder {

    static final String LOINC = "http://loinc.org";
    /** Answer list LL358-3, indexed by score. */
    static final List<String> LL358_3 = List.of("LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9");

    private final QuestionnaireResponse response = new QuestionnaireResponse();

    private ResponseBuilder(String id) {
        response.setId(id);
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        response.setSubject(new Reference("Patient/example"));
        response.setAuthoredElement(new DateTimeType("2025-05-20T10:00:00Z"));
    }

    static ResponseBuilder response(String id) {
        return new ResponseBuilder(id);
    }

    ResponseBuilder to(String questionnaire) {
        response.setQuestionnaire(questionnaire);
        return this;
    }

    ResponseBuilder status(QuestionnaireResponse.QuestionnaireResponseStatus status) {
        response.setStatus(status);
        return this;
    }

    /** Items answered with the given values, one linkId after another. */
    ResponseBuilder answers(List<String> linkIds, List<? extends Type> values) {
        for (int i = 0; i < linkIds.size(); i++) {
            item(answered(linkIds.get(i), values.get(i)));
        }
        return this;
    }

    ResponseBuilder item(QuestionnaireResponseItemComponent item) {
        response.addItem(item);
        return this;
    }

    QuestionnaireResponse build() {
        return response;
    }

    static QuestionnaireResponseItemComponent answered(String linkId, Type value) {
        QuestionnaireResponseItemComponent item = new QuestionnaireResponseItemComponent().setLinkId(linkId);
        item.addAnswer().setValue(value);
        return item;
    }

    static QuestionnaireResponseItemComponent group(String linkId, QuestionnaireResponseItemComponent... items) {
        QuestionnaireResponseItemComponent group = new QuestionnaireResponseItemComponent().setLinkId(linkId);
        List.of(items).forEach(group::addItem);
        return group;
    }

    /** The LL358-3 answer with this score, as a LOINC coding with no ordinal on it. */
    static Coding frequency(int score) {
        return new Coding(LOINC, LL358_3.get(score), null);
    }

    static List<Coding> frequencies(int... scores) {
        return java.util.Arrays.stream(scores).mapToObj(ResponseBuilder::frequency).toList();
    }
}
