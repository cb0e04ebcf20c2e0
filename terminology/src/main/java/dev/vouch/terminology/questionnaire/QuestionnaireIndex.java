package dev.vouch.terminology.questionnaire;

import ca.uhn.fhir.context.FhirContext;
import dev.vouch.terminology.CodeSystems;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Registered forms, indexed so that a response's linkIds can be read as item codes and its answers as ordinals.
 * A response names its form by canonical URL, optionally with {@code |version}.
 */
public final class QuestionnaireIndex {

    private static final List<String> BUNDLED = List.of(
            "/terminology/questionnaires/pco-phq-9.json",
            "/terminology/questionnaires/pco-gad-7.json",
            "/terminology/questionnaires/us-core-phq-9.json");

    private final Map<String, Form> byUrl;

    private QuestionnaireIndex(Map<String, Form> byUrl) {
        this.byUrl = Map.copyOf(byUrl);
    }

    /** What Vouch knows of one form: for each linkId, the item's LOINC code and the ordinal of each answer code. */
    public record Form(String url, Map<String, FormItem> itemsByLinkId) {
        public Optional<FormItem> item(String linkId) {
            return Optional.ofNullable(itemsByLinkId.get(linkId));
        }
    }

    /** One question of a form: its LOINC code when it has one, and every code the form gives it. */
    public record FormItem(String linkId, Optional<String> loincCode, List<ItemCode> codes,
                           Map<String, Integer> answerOrdinals) {

        public FormItem {
            codes = List.copyOf(codes);
        }

        /** The item codes in systems other than LOINC, which a ConceptMap may translate. */
        public List<ItemCode> localCodes() {
            return codes.stream().filter(code -> !CodeSystems.LOINC.equals(code.system())).toList();
        }

        public OptionalInt ordinalOf(String answerCode) {
            Integer ordinal = answerOrdinals.get(answerCode);
            return ordinal == null ? OptionalInt.empty() : OptionalInt.of(ordinal);
        }
    }

    /** A code a form gives an item. */
    public record ItemCode(String system, String code) {
    }

    public static QuestionnaireIndex of(List<Questionnaire> forms) {
        Map<String, Form> byUrl = new HashMap<>();
        for (Questionnaire form : forms) {
            if (!form.hasUrl()) {
                continue;
            }
            Map<String, FormItem> items = new HashMap<>();
            collect(form.getItem(), items);
            Form indexed = new Form(form.getUrl(), items);
            byUrl.put(form.getUrl(), indexed);
            if (form.hasVersion()) {
                byUrl.put(form.getUrl() + "|" + form.getVersion(), indexed);
            }
        }
        return new QuestionnaireIndex(byUrl);
    }

    /** The published PHQ-9 and GAD-7 forms that ship with Vouch. */
    public static QuestionnaireIndex bundled(FhirContext fhirContext) {
        return of(readBundled(fhirContext));
    }

    public static List<Questionnaire> readBundled(FhirContext fhirContext) {
        var parser = fhirContext.newJsonParser();
        return BUNDLED.stream().map(path -> {
            try (InputStream in = QuestionnaireIndex.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("Bundled questionnaire missing from the classpath: " + path);
                }
                return parser.parseResource(Questionnaire.class, in);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read bundled questionnaire " + path, e);
            }
        }).toList();
    }

    /** This index plus more forms; the added ones win on the same URL. */
    public QuestionnaireIndex with(List<Questionnaire> forms) {
        if (forms.isEmpty()) {
            return this;
        }
        Map<String, Form> merged = new HashMap<>(byUrl);
        merged.putAll(of(forms).byUrl);
        return new QuestionnaireIndex(merged);
    }

    /** The form a response names; a versioned canonical falls back to the unversioned one. */
    public Optional<Form> form(String canonical) {
        if (canonical == null || canonical.isBlank()) {
            return Optional.empty();
        }
        Form form = byUrl.get(canonical);
        if (form == null && canonical.contains("|")) {
            form = byUrl.get(canonical.substring(0, canonical.indexOf('|')));
        }
        return Optional.ofNullable(form);
    }

    private static void collect(List<Questionnaire.QuestionnaireItemComponent> items, Map<String, FormItem> into) {
        for (Questionnaire.QuestionnaireItemComponent item : items) {
            Optional<String> loinc = item.getCode().stream()
                    .filter(code -> CodeSystems.LOINC.equals(code.getSystem()) && code.hasCode())
                    .map(Coding::getCode)
                    .findFirst();
            Map<String, Integer> ordinals = new HashMap<>();
            for (Questionnaire.QuestionnaireItemAnswerOptionComponent option : item.getAnswerOption()) {
                if (option.hasValueCoding()) {
                    Coding coding = option.getValueCoding();
                    ordinalOf(option.getExtension()).or(() -> ordinalOf(coding.getExtension()))
                            .ifPresent(ordinal -> ordinals.put(coding.getCode(), ordinal));
                }
            }
            List<ItemCode> codes = item.getCode().stream().filter(code -> code.hasSystem() && code.hasCode())
                    .map(code -> new ItemCode(code.getSystem(), code.getCode())).toList();
            into.put(item.getLinkId(), new FormItem(item.getLinkId(), loinc, codes, Map.copyOf(ordinals)));
            collect(item.getItem(), into);
        }
    }

    /** The SDC ordinalValue or itemWeight of an answer, when it carries a whole number. */
    public static Optional<Integer> ordinalOf(List<Extension> extensions) {
        for (Extension extension : extensions) {
            String url = extension.getUrl();
            if (CodeSystems.ORDINAL_VALUE_EXTENSION.equals(url) || CodeSystems.ITEM_WEIGHT_EXTENSION.equals(url)) {
                if (extension.getValue() instanceof DecimalType decimal && decimal.getValue() != null) {
                    return wholeNumber(decimal.getValue());
                }
                if (extension.getValue() instanceof IntegerType integer && integer.getValue() != null) {
                    return Optional.of(integer.getValue());
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Integer> wholeNumber(BigDecimal value) {
        try {
            return Optional.of(value.intValueExact());
        } catch (ArithmeticException notWhole) {
            return Optional.empty();
        }
    }
}
