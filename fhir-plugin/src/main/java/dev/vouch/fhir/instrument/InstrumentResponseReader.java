package dev.vouch.fhir.instrument;

import dev.vouch.fhir.record.PatientRecord;
import dev.vouch.terminology.CodeSystems;
import dev.vouch.terminology.instrument.InstrumentCatalog;
import dev.vouch.terminology.instrument.InstrumentDefinition;
import dev.vouch.terminology.questionnaire.QuestionnaireIndex;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns QuestionnaireResponses and survey Observations into {@link InstrumentResponse}s.
 * <p>
 * An item is identified by the code its form gives it (a registered or prefetched Questionnaire), else by a LOINC
 * code carried in its linkId. An answer's score is its SDC ordinalValue/itemWeight, else the ordinal its form
 * gives the answer code, else the instrument's LOINC answer list, else a plain integer value. The same completion
 * recorded both as a QuestionnaireResponse and as Observations counts once. Responses and Observations entered in
 * error (or cancelled) are not read; in-progress and stopped responses are, so a critical answer is never missed.
 */
public final class InstrumentResponseReader {

    private static final Pattern LOINC_IN_LINK_ID = Pattern.compile("(\\d{3,7}-\\d)$");
    private static final Duration SAME_COMPLETION = Duration.ofMinutes(2);

    private final InstrumentCatalog catalog;
    private final QuestionnaireIndex forms;

    public InstrumentResponseReader(InstrumentCatalog catalog, QuestionnaireIndex forms) {
        this.catalog = catalog;
        this.forms = forms;
    }

    public InstrumentReadings read(PatientRecord record) {
        QuestionnaireIndex known = forms.with(record.questionnaires());
        List<InstrumentResponse> responses = new ArrayList<>();
        List<UnreadableForm> unreadable = new ArrayList<>();
        Set<String> responseIds = new HashSet<>();
        for (QuestionnaireResponse response : record.questionnaireResponses()) {
            String source = reference(response.fhirType(), response.getIdElement().getIdPart());
            // Known even when withdrawn, so Observations derived from it are not read in its place.
            responseIds.add(source);
            if (response.getStatus() == QuestionnaireResponse.QuestionnaireResponseStatus.ENTEREDINERROR) {
                continue;
            }
            List<InstrumentResponse> read = readResponse(response, source, known);
            if (read.isEmpty()) {
                unreadable.add(new UnreadableForm(source, response.getQuestionnaire(),
                        known.form(response.getQuestionnaire()).isPresent()
                                ? "none of its items is an item of a known instrument"
                                : "its form is not registered and its linkIds carry no known LOINC item codes"));
            }
            responses.addAll(read);
        }
        for (InstrumentResponse fromObservations : readObservations(record.observations(), responseIds)) {
            if (responses.stream().noneMatch(existing -> sameCompletion(existing, fromObservations))) {
                responses.add(fromObservations);
            }
        }
        return new InstrumentReadings(responses, unreadable);
    }

    // --- QuestionnaireResponse ---------------------------------------------------------------------------

    private List<InstrumentResponse> readResponse(QuestionnaireResponse response, String source, QuestionnaireIndex known) {
        Optional<QuestionnaireIndex.Form> form = known.form(response.getQuestionnaire());
        Map<InstrumentDefinition, Collector> byInstrument = new LinkedHashMap<>();
        collectItems(response.getItem(), form, source, byInstrument);
        Optional<Instant> authored = Optional.ofNullable(response.getAuthored()).map(java.util.Date::toInstant);
        return byInstrument.entrySet().stream()
                .map(entry -> entry.getValue().toResponse(entry.getKey(), authored, source))
                .toList();
    }

    private void collectItems(List<QuestionnaireResponse.QuestionnaireResponseItemComponent> items,
                              Optional<QuestionnaireIndex.Form> form, String source,
                              Map<InstrumentDefinition, Collector> into) {
        for (QuestionnaireResponse.QuestionnaireResponseItemComponent item : items) {
            Optional<QuestionnaireIndex.FormItem> formItem = form.flatMap(f -> f.item(item.getLinkId()));
            Optional<String> code = formItem.flatMap(QuestionnaireIndex.FormItem::loincCode)
                    .or(() -> loincInLinkId(item.getLinkId()));
            code.ifPresent(itemCode -> {
                Optional<InstrumentDefinition> whole = catalog.byInstrumentCode(itemCode);
                if (whole.isPresent()) {
                    firstAnswerValue(item).flatMap(InstrumentResponseReader::wholeNumber)
                            .ifPresent(total -> collector(into, whole.get()).statedTotal = OptionalInt.of(total));
                    return;
                }
                catalog.byItemCode(itemCode).ifPresent(ref -> {
                    Collector collector = collector(into, ref.instrument());
                    int number = ref.item().number();
                    answerScore(item, formItem, ref.instrument()).ifPresentOrElse(
                            score -> collector.answers.put(number, new InstrumentResponse.AnsweredItem(number,
                                    score, item.getLinkId(), answerDisplay(item, ref.instrument(), score), source)),
                            () -> collector.unreadable.add(number));
                });
            });
            collectItems(item.getItem(), form, source, into);
            item.getAnswer().forEach(answer -> collectItems(answer.getItem(), form, source, into));
        }
    }

    private OptionalInt answerScore(QuestionnaireResponse.QuestionnaireResponseItemComponent item,
                                    Optional<QuestionnaireIndex.FormItem> formItem, InstrumentDefinition instrument) {
        if (item.getAnswer().size() != 1) {
            return OptionalInt.empty();
        }
        QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent answer = item.getAnswerFirstRep();
        Optional<Integer> ordinal = QuestionnaireIndex.ordinalOf(answer.getExtension());
        if (answer.hasValueCoding()) {
            Coding coding = answer.getValueCoding();
            ordinal = ordinal.or(() -> QuestionnaireIndex.ordinalOf(coding.getExtension()));
            if (ordinal.isEmpty() && formItem.isPresent()) {
                OptionalInt fromForm = formItem.get().ordinalOf(coding.getCode());
                ordinal = fromForm.isPresent() ? Optional.of(fromForm.getAsInt()) : Optional.empty();
            }
            if (ordinal.isEmpty() && isLoincOrUnsystematic(coding)) {
                OptionalInt fromAnswerList = catalog.answerScore(instrument, coding.getCode());
                ordinal = fromAnswerList.isPresent() ? Optional.of(fromAnswerList.getAsInt()) : Optional.empty();
            }
        } else if (ordinal.isEmpty() && answer.hasValue()) {
            ordinal = wholeNumber(answer.getValue());
        }
        return ordinal.filter(score -> withinItemRange(instrument, score))
                .map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    private static boolean isLoincOrUnsystematic(Coding coding) {
        return !coding.hasSystem() || CodeSystems.LOINC.equals(coding.getSystem());
    }

    private static boolean withinItemRange(InstrumentDefinition instrument, int score) {
        int itemMax = instrument.answerScores().values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return score >= 0 && score <= itemMax;
    }

    private static Optional<Type> firstAnswerValue(QuestionnaireResponse.QuestionnaireResponseItemComponent item) {
        return item.getAnswer().stream().filter(answer -> answer.hasValue()).map(answer -> answer.getValue()).findFirst();
    }

    /** The answer in words: the source's display, else the instrument's name for the code, else the score. */
    private static String answerDisplay(QuestionnaireResponse.QuestionnaireResponseItemComponent item,
                                        InstrumentDefinition instrument, int score) {
        return firstAnswerValue(item).filter(Coding.class::isInstance).map(Coding.class::cast)
                .map(coding -> display(coding, instrument, score))
                .orElse("score " + score);
    }

    private static String display(Coding coding, InstrumentDefinition instrument, int score) {
        if (coding.hasDisplay() && !coding.getDisplay().isBlank()) {
            return coding.getDisplay();
        }
        return Optional.ofNullable(instrument.answerDisplays().get(coding.getCode())).orElse("score " + score);
    }

    static Optional<String> loincInLinkId(String linkId) {
        if (linkId == null) {
            return Optional.empty();
        }
        Matcher matcher = LOINC_IN_LINK_ID.matcher(linkId.trim());
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    // --- Observations --------------------------------------------------------------------------------------

    private List<InstrumentResponse> readObservations(List<Observation> observations, Set<String> responseIds) {
        Map<String, Observation> byId = new HashMap<>();
        observations.forEach(observation -> byId.put(
                reference(observation.fhirType(), observation.getIdElement().getIdPart()), observation));
        Set<String> members = new HashSet<>();
        observations.forEach(observation -> observation.getHasMember().forEach(member ->
                members.add(normalise(member))));

        List<InstrumentResponse> read = new ArrayList<>();
        Map<String, Collector> orphanItems = new LinkedHashMap<>();
        Map<String, InstrumentDefinition> orphanInstruments = new HashMap<>();
        for (Observation observation : observations) {
            String source = reference(observation.fhirType(), observation.getIdElement().getIdPart());
            if (isWithdrawn(observation)) {
                continue;
            }
            if (members.contains(source) || isDerivedFromKnownResponse(observation, responseIds)) {
                continue;
            }
            Optional<Instant> effective = effective(observation);
            Optional<InstrumentDefinition> whole = loincCodes(observation.getCode()).stream()
                    .map(catalog::byInstrumentCode).flatMap(Optional::stream).findFirst();
            if (whole.isPresent()) {
                Collector collector = new Collector();
                collector.statedTotal = numericValue(observation);
                for (Reference member : observation.getHasMember()) {
                    Observation item = byId.get(normalise(member));
                    if (item != null) {
                        readItemObservation(item, whole.get(), collector);
                    }
                }
                if (collector.statedTotal.isPresent() || !collector.answers.isEmpty()) {
                    read.add(collector.toResponse(whole.get(), effective, source));
                }
                continue;
            }
            loincCodes(observation.getCode()).stream().map(catalog::byItemCode).flatMap(Optional::stream).findFirst()
                    .ifPresent(ref -> {
                        String key = ref.instrument().id() + "@" + effective.map(Instant::toString).orElse(source);
                        orphanInstruments.put(key, ref.instrument());
                        readItemObservation(observation, ref.instrument(),
                                orphanItems.computeIfAbsent(key, k -> new Collector()));
                    });
        }
        orphanItems.forEach((key, collector) -> {
            InstrumentDefinition instrument = orphanInstruments.get(key);
            String source = collector.answers.values().stream().map(InstrumentResponse.AnsweredItem::source)
                    .findFirst().orElse(key);
            Optional<Instant> effective = collector.answers.values().stream().findFirst()
                    .flatMap(answer -> effective(byId.get(answer.source())));
            read.add(collector.toResponse(instrument, effective, source));
        });
        return read;
    }

    private void readItemObservation(Observation item, InstrumentDefinition instrument, Collector into) {
        String source = reference(item.fhirType(), item.getIdElement().getIdPart());
        for (String code : loincCodes(item.getCode())) {
            if (instrument.totalCodes().contains(code)) {
                numericValue(item).ifPresent(total -> into.statedTotal = OptionalInt.of(total));
                return;
            }
            Optional<InstrumentDefinition.Item> definition = instrument.itemByCode(code);
            if (definition.isPresent()) {
                int number = definition.get().number();
                OptionalInt score = itemObservationScore(item, instrument);
                if (score.isPresent()) {
                    into.answers.put(number, new InstrumentResponse.AnsweredItem(number, score.getAsInt(), code,
                            item.hasValueCodeableConcept()
                                    ? display(item.getValueCodeableConcept().getCodingFirstRep(), instrument, score.getAsInt())
                                    : "score " + score.getAsInt(), source));
                } else {
                    into.unreadable.add(number);
                }
                return;
            }
        }
    }

    private OptionalInt itemObservationScore(Observation item, InstrumentDefinition instrument) {
        if (item.hasValueCodeableConcept()) {
            for (Coding coding : item.getValueCodeableConcept().getCoding()) {
                Optional<Integer> ordinal = QuestionnaireIndex.ordinalOf(coding.getExtension());
                if (ordinal.isPresent() && withinItemRange(instrument, ordinal.get())) {
                    return OptionalInt.of(ordinal.get());
                }
                if (isLoincOrUnsystematic(coding)) {
                    OptionalInt score = catalog.answerScore(instrument, coding.getCode());
                    if (score.isPresent()) {
                        return score;
                    }
                }
            }
            return OptionalInt.empty();
        }
        OptionalInt value = numericValue(item);
        return value.isPresent() && withinItemRange(instrument, value.getAsInt()) ? value : OptionalInt.empty();
    }

    /** Entered in error or cancelled: FHIR says such a result must not be used. */
    private static boolean isWithdrawn(Observation observation) {
        return observation.getStatus() == Observation.ObservationStatus.ENTEREDINERROR
                || observation.getStatus() == Observation.ObservationStatus.CANCELLED;
    }

    private static boolean isDerivedFromKnownResponse(Observation observation, Set<String> responseIds) {
        return observation.getDerivedFrom().stream().map(InstrumentResponseReader::normalise).anyMatch(responseIds::contains);
    }

    private static boolean sameCompletion(InstrumentResponse a, InstrumentResponse b) {
        if (!a.instrument().id().equals(b.instrument().id()) || a.recordedAt().isEmpty() || b.recordedAt().isEmpty()) {
            return false;
        }
        return Duration.between(a.recordedAt().get(), b.recordedAt().get()).abs().compareTo(SAME_COMPLETION) <= 0;
    }

    private static List<String> loincCodes(CodeableConcept concept) {
        return concept.getCoding().stream()
                .filter(coding -> CodeSystems.LOINC.equals(coding.getSystem()) && coding.hasCode())
                .map(Coding::getCode).toList();
    }

    private static Optional<Instant> effective(Observation observation) {
        if (observation == null) {
            return Optional.empty();
        }
        if (observation.hasEffectiveDateTimeType()) {
            return Optional.ofNullable(observation.getEffectiveDateTimeType().getValue()).map(java.util.Date::toInstant);
        }
        if (observation.hasEffectivePeriod() && observation.getEffectivePeriod().hasStart()) {
            return Optional.of(observation.getEffectivePeriod().getStart().toInstant());
        }
        if (observation.hasEffectiveInstantType()) {
            return Optional.ofNullable(observation.getEffectiveInstantType().getValue()).map(java.util.Date::toInstant);
        }
        return Optional.ofNullable(observation.getIssued()).map(java.util.Date::toInstant);
    }

    private static OptionalInt numericValue(Observation observation) {
        if (!observation.hasValue()) {
            return OptionalInt.empty();
        }
        return wholeNumber(observation.getValue()).map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    private static Optional<Integer> wholeNumber(Type value) {
        BigDecimal number = switch (value) {
            case IntegerType integer when integer.getValue() != null -> BigDecimal.valueOf(integer.getValue());
            case DecimalType decimal -> decimal.getValue();
            case Quantity quantity -> quantity.getValue();
            case StringType string when string.getValue() != null -> parse(string.getValue().trim());
            default -> null;
        };
        if (number == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(number.intValueExact());
        } catch (ArithmeticException notWhole) {
            return Optional.empty();
        }
    }

    private static BigDecimal parse(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException notNumeric) {
            return null;
        }
    }

    private static String normalise(Reference reference) {
        var id = reference.getReferenceElement();
        return id.hasResourceType() ? reference(id.getResourceType(), id.getIdPart()) : reference.getReference();
    }

    private static String reference(String type, String id) {
        return type + "/" + id;
    }

    private static Collector collector(Map<InstrumentDefinition, Collector> into, InstrumentDefinition instrument) {
        return into.computeIfAbsent(instrument, k -> new Collector());
    }

    /** Gathers one completion's items while a source is walked. */
    private static final class Collector {
        private final Map<Integer, InstrumentResponse.AnsweredItem> answers = new java.util.TreeMap<>();
        private final Set<Integer> unreadable = new HashSet<>();
        private OptionalInt statedTotal = OptionalInt.empty();

        InstrumentResponse toResponse(InstrumentDefinition instrument, Optional<Instant> recordedAt, String source) {
            unreadable.removeAll(answers.keySet());
            return new InstrumentResponse(instrument, recordedAt, List.copyOf(answers.values()), unreadable,
                    statedTotal, source);
        }
    }
}
