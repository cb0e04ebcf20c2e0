package dev.vouch.fhir.instrument;

import dev.vouch.fhir.record.PatientRecord;
import dev.vouch.terminology.CodeSystems;
import dev.vouch.terminology.TerminologySnapshot;
import dev.vouch.terminology.instrument.InstrumentCatalog;
import dev.vouch.terminology.instrument.InstrumentDefinition;
import dev.vouch.terminology.questionnaire.QuestionnaireIndex;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Questionnaire;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns QuestionnaireResponses and survey Observations into {@link InstrumentResponse}s, against one
 * {@link TerminologySnapshot} per call: every code is looked up in memory, and a configuration change (a form
 * registered, a ConceptMap posted) takes effect on the next call.
 * <p>
 * <b>Which item is which.</b> A response item is identified, in this order, by
 * <ol>
 * <li>the code its form gives it. The form is the Questionnaire the response names ({@code url|version} falls back to
 *     {@code url}): one sent with the record, else one registered or bundled in the snapshot. A LOINC item code is
 *     taken as it is; a code in another system is translated to LOINC through the snapshot's ConceptMaps (on forms
 *     sent with the record or registered);</li>
 * <li>a LOINC code at the end of its linkId ({@code /44260-8});</li>
 * <li>a ConceptMap for the form itself: group source the response's questionnaire canonical (with its
 *     {@code |version} first, then without), element code the linkId, group target LOINC.</li>
 * </ol>
 * A translation counts only when it leads to exactly one code Vouch knows (an instrument, a scored or an unscored
 * item); maps that disagree identify nothing. A response none of whose items is identified is reported as an
 * {@link UnreadableForm}: never scored by guesswork.
 * <p>
 * <b>What an answer scores.</b> Its SDC ordinalValue/itemWeight, else the ordinal its form gives the answer code, else
 * the instrument's LOINC answer list, for a LOINC (or system-less) answer code or for a local answer code translated
 * to LOINC answer codes through the ConceptMaps (every translation must agree on the score), else a plain integer
 * value. Observations are read alike: a local observation code or answer code counts through its translation.
 * <p>
 * <b>ConceptMap conventions</b> for a site's own forms and codes (only active maps count; targets marked
 * {@code unmatched} or {@code disjoint} do not):
 * <table>
 * <caption>Mapping a site's forms and codes to LOINC</caption>
 * <tr><th>To map</th><th>group.source</th><th>group.target</th><th>element.code &rarr; target.code</th></tr>
 * <tr><td>the linkIds of a form</td><td>the form's canonical URL, e.g. {@code https://hospital.example/forms/phq9}
 *     (or {@code https://hospital.example/forms/phq9|3} for that version only)</td><td>{@code http://loinc.org}</td>
 *     <td>linkId &rarr; LOINC item code ({@code q9} &rarr; {@code 44260-8})</td></tr>
 * <tr><td>local item codes of a form, or local Observation codes</td><td>the local code system URL</td>
 *     <td>{@code http://loinc.org}</td><td>local code &rarr; LOINC item code</td></tr>
 * <tr><td>local answer codes</td><td>the local code system URL</td><td>{@code http://loinc.org}</td>
 *     <td>local code &rarr; LOINC answer code ({@code LA6570-1})</td></tr>
 * </table>
 * <p>
 * The same completion recorded both as a QuestionnaireResponse and as Observations counts once. Responses and
 * Observations entered in error (or cancelled) are not read; in-progress and stopped responses are, so a critical
 * answer is never missed. The reader holds no state and may be shared.
 */
public final class InstrumentResponseReader {

    private static final Pattern LOINC_IN_LINK_ID = Pattern.compile("(\\d{3,7}-\\d)$");
    private static final Duration SAME_COMPLETION = Duration.ofMinutes(2);

    public InstrumentResponseReader() {
    }

    /** Reads a record's instrument completions with the terminology of this call. */
    public InstrumentReadings read(PatientRecord record, TerminologySnapshot terminology) {
        return new Pass(record, terminology).read();
    }

    /** One call's reading: the record, the snapshot, and the forms known for this record. */
    private static final class Pass {

        private final PatientRecord record;
        private final TerminologySnapshot terminology;
        private final InstrumentCatalog catalog;
        private final QuestionnaireIndex known;

        Pass(PatientRecord record, TerminologySnapshot terminology) {
            this.record = record;
            this.terminology = terminology;
            this.catalog = terminology.instruments();
            this.known = terminology.questionnaires().with(record.questionnaires());
        }

        InstrumentReadings read() {
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
                List<InstrumentResponse> read = readResponse(response, source);
                if (read.isEmpty()) {
                    unreadable.add(new UnreadableForm(source, response.getQuestionnaire(),
                            known.form(response.getQuestionnaire()).isPresent()
                                    ? "none of its items is an item of a known instrument"
                                    : "its form is not registered, its linkIds carry no known LOINC item codes and "
                                    + "no ConceptMap maps them to LOINC"));
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

        // --- QuestionnaireResponse -----------------------------------------------------------------------

        private List<InstrumentResponse> readResponse(QuestionnaireResponse response, String source) {
            String canonical = response.getQuestionnaire();
            Optional<QuestionnaireIndex.Form> form = known.form(canonical);
            Map<InstrumentDefinition, Collector> byInstrument = new LinkedHashMap<>();
            collectItems(response.getItem(), canonical, form, source, byInstrument);
            Optional<Instant> authored = Optional.ofNullable(response.getAuthored()).map(java.util.Date::toInstant);
            return byInstrument.entrySet().stream()
                    .map(entry -> entry.getValue().toResponse(entry.getKey(), authored, source))
                    .toList();
        }

        private void collectItems(List<QuestionnaireResponse.QuestionnaireResponseItemComponent> items,
                                  String canonical, Optional<QuestionnaireIndex.Form> form, String source,
                                  Map<InstrumentDefinition, Collector> into) {
            for (QuestionnaireResponse.QuestionnaireResponseItemComponent item : items) {
                Optional<QuestionnaireIndex.FormItem> formItem = form.flatMap(f -> f.item(item.getLinkId()));
                itemCode(canonical, item.getLinkId(), formItem).ifPresent(itemCode -> {
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
                                        score, item.getLinkId(), answerDisplay(item, ref.instrument(), score),
                                        source)),
                                () -> collector.unreadable.add(number));
                    });
                });
                collectItems(item.getItem(), canonical, form, source, into);
                item.getAnswer().forEach(answer -> collectItems(answer.getItem(), canonical, form, source, into));
            }
        }

        /** The LOINC code of a response item: by its form's item code, its linkId, or a ConceptMap for its form. */
        private Optional<String> itemCode(String canonical, String linkId,
                                          Optional<QuestionnaireIndex.FormItem> formItem) {
            Optional<String> byForm = formItem.flatMap(QuestionnaireIndex.FormItem::loincCode)
                    .or(() -> formItem.stream().flatMap(item -> item.localCodes().stream())
                            .map(code -> toLoinc(code.system(), code.code(), this::isKnownCode))
                            .flatMap(Optional::stream).findFirst());
            if (byForm.isPresent()) {
                return byForm;
            }
            Optional<String> inLinkId = loincInLinkId(linkId);
            if (inLinkId.isPresent() || canonical == null || canonical.isBlank() || linkId == null) {
                return inLinkId;
            }
            Optional<String> byVersionedForm = toLoinc(canonical, linkId, this::isKnownCode);
            int bar = canonical.indexOf('|');
            return bar < 0 ? byVersionedForm
                    : byVersionedForm.or(() -> toLoinc(canonical.substring(0, bar), linkId, this::isKnownCode));
        }

        private boolean isKnownCode(String loinc) {
            return catalog.byInstrumentCode(loinc).isPresent() || catalog.byItemCode(loinc).isPresent()
                    || catalog.isUnscoredItem(loinc);
        }

        /** The one wanted LOINC code the active ConceptMaps translate a code to; empty when none or several. */
        private Optional<String> toLoinc(String system, String code, Predicate<String> wanted) {
            if (system == null || code == null) {
                return Optional.empty();
            }
            Set<String> targets = new LinkedHashSet<>();
            for (TerminologySnapshot.Translation translation : terminology.translate(system, code, CodeSystems.LOINC)) {
                if (wanted.test(translation.targetCode())) {
                    targets.add(translation.targetCode());
                }
            }
            return targets.size() == 1 ? Optional.of(targets.iterator().next()) : Optional.empty();
        }

        private OptionalInt answerScore(QuestionnaireResponse.QuestionnaireResponseItemComponent item,
                                        Optional<QuestionnaireIndex.FormItem> formItem,
                                        InstrumentDefinition instrument) {
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
                if (ordinal.isEmpty()) {
                    ordinal = answerListScore(coding, instrument);
                }
            } else if (ordinal.isEmpty() && answer.hasValue()) {
                ordinal = wholeNumber(answer.getValue());
            }
            return ordinal.filter(score -> withinItemRange(instrument, score))
                    .map(OptionalInt::of).orElse(OptionalInt.empty());
        }

        /**
         * The score of an answer code on the instrument's LOINC answer list: directly for a LOINC or system-less code,
         * through the ConceptMaps for a local one (when every LOINC answer it maps to scores the same).
         */
        private Optional<Integer> answerListScore(Coding coding, InstrumentDefinition instrument) {
            if (isLoincOrUnsystematic(coding)) {
                OptionalInt score = catalog.answerScore(instrument, coding.getCode());
                return score.isPresent() ? Optional.of(score.getAsInt()) : Optional.empty();
            }
            Set<Integer> scores = new HashSet<>();
            for (TerminologySnapshot.Translation translation
                    : terminology.translate(coding.getSystem(), coding.getCode(), CodeSystems.LOINC)) {
                catalog.answerScore(instrument, translation.targetCode()).ifPresent(scores::add);
            }
            return scores.size() == 1 ? Optional.of(scores.iterator().next()) : Optional.empty();
        }

        /** The answer in words: the source's display, else the instrument's name for the code, else the score. */
        private String answerDisplay(QuestionnaireResponse.QuestionnaireResponseItemComponent item,
                                     InstrumentDefinition instrument, int score) {
            return firstAnswerValue(item).filter(Coding.class::isInstance).map(Coding.class::cast)
                    .map(coding -> display(coding, instrument, score))
                    .orElse("score " + score);
        }

        /** A coding's own display, else the LOINC answer list's display for it (or for what it translates to). */
        private String display(Coding coding, InstrumentDefinition instrument, int score) {
            if (coding.hasDisplay() && !coding.getDisplay().isBlank()) {
                return coding.getDisplay();
            }
            if (isLoincOrUnsystematic(coding)) {
                return Optional.ofNullable(instrument.answerDisplays().get(coding.getCode())).orElse("score " + score);
            }
            return terminology.translate(coding.getSystem(), coding.getCode(), CodeSystems.LOINC).stream()
                    .filter(translation ->
                            catalog.answerScore(instrument, translation.targetCode()).orElse(-1) == score)
                    .map(translation -> instrument.answerDisplays().get(translation.targetCode()))
                    .filter(java.util.Objects::nonNull)
                    .findFirst().orElse("score " + score);
        }

        // --- Observations --------------------------------------------------------------------------------

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
                List<String> codes = loincCodes(observation.getCode());
                Optional<InstrumentDefinition> whole = codes.stream()
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
                codes.stream().map(catalog::byItemCode).flatMap(Optional::stream).findFirst()
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
                                        ? display(item.getValueCodeableConcept().getCodingFirstRep(), instrument,
                                        score.getAsInt())
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
                    Optional<Integer> score = answerListScore(coding, instrument);
                    if (score.isPresent()) {
                        return OptionalInt.of(score.get());
                    }
                }
                return OptionalInt.empty();
            }
            OptionalInt value = numericValue(item);
            return value.isPresent() && withinItemRange(instrument, value.getAsInt()) ? value : OptionalInt.empty();
        }

        /** An Observation's LOINC codes: its LOINC codings, then the known LOINC codes its local codings map to. */
        private List<String> loincCodes(CodeableConcept concept) {
            List<String> codes = new ArrayList<>();
            for (Coding coding : concept.getCoding()) {
                if (CodeSystems.LOINC.equals(coding.getSystem()) && coding.hasCode()) {
                    codes.add(coding.getCode());
                }
            }
            for (Coding coding : concept.getCoding()) {
                if (coding.hasSystem() && !CodeSystems.LOINC.equals(coding.getSystem()) && coding.hasCode()) {
                    toLoinc(coding.getSystem(), coding.getCode(), this::isKnownCode).ifPresent(codes::add);
                }
            }
            return codes;
        }
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

    static Optional<String> loincInLinkId(String linkId) {
        if (linkId == null) {
            return Optional.empty();
        }
        Matcher matcher = LOINC_IN_LINK_ID.matcher(linkId.trim());
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
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
