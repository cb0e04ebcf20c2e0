package dev.vouch.terminology.bundled;

import ca.uhn.fhir.context.FhirContext;
import dev.vouch.terminology.CodeSystems;
import dev.vouch.terminology.ValueSets;
import dev.vouch.terminology.instrument.InstrumentCatalog;
import dev.vouch.terminology.instrument.InstrumentDefinition;
import dev.vouch.terminology.questionnaire.QuestionnaireIndex;
import dev.vouch.terminology.store.StoredResource;
import dev.vouch.terminology.store.TerminologyRepository;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The terminology that ships with Vouch: one value set per condition its rules consult (SNOMED CT and ICD-10-CM,
 * written from the clinical content), one value set per instrument and per instrument's answer list (generated from
 * the instrument catalog), and the published PHQ-9 and GAD-7 forms. Loading is idempotent and never overwrites what
 * an admin changed.
 */
public final class BundledTerminology {

    /** The author recorded on bundled versions. */
    public static final String AUTHOR = "vouch-bundled";

    /** Extension on an instrument value set's item code: the item's number on the published form. */
    public static final String ITEM_NUMBER_EXTENSION = "https://vouch.dev/fhir/StructureDefinition/item-number";

    private static final String BASE = "https://vouch.dev/fhir/ValueSet/";
    private static final String FOLDER = "/terminology/bundled/value-sets/";

    /** The condition value sets, by canonical URL, and the file each is read from. */
    private static final Map<String, String> CONDITION_FILES = Map.of(
            ValueSets.DEPRESSION, "depression.json",
            ValueSets.ANXIETY, "anxiety.json",
            ValueSets.SUICIDAL_IDEATION, "suicidal-ideation.json",
            ValueSets.SUICIDE_ATTEMPT, "suicide-attempt.json",
            ValueSets.POSTPARTUM_DEPRESSION, "postpartum-depression.json",
            ValueSets.PTSD, "ptsd.json",
            ValueSets.BIPOLAR_DISORDER, "bipolar-disorder.json",
            ValueSets.ALCOHOL_USE_DISORDER, "alcohol-use-disorder.json");

    private final FhirContext fhirContext;
    private final InstrumentCatalog instruments;

    public BundledTerminology(FhirContext fhirContext, InstrumentCatalog instruments) {
        this.fhirContext = fhirContext;
        this.instruments = instruments;
    }

    /** Canonical URL of the value set holding an instrument's panel, total and item codes. */
    public static String instrumentValueSetUrl(String instrumentId) {
        return BASE + "instrument-" + instrumentId;
    }

    /** Canonical URL of the value set holding an instrument's answer codes with their scores. */
    public static String answerValueSetUrl(String instrumentId) {
        return BASE + "instrument-" + instrumentId + "-answers";
    }

    /** Canonical URLs of the bundled condition value sets. */
    public static List<String> conditionValueSetUrls() {
        return CONDITION_FILES.keySet().stream().sorted().toList();
    }

    /** Canonical URLs of every bundled value set for a catalog: conditions, instruments and their answers. */
    public static List<String> valueSetUrls(InstrumentCatalog instruments) {
        List<String> urls = new ArrayList<>(conditionValueSetUrls());
        for (InstrumentDefinition instrument : instruments.all()) {
            urls.add(instrumentValueSetUrl(instrument.id()));
            urls.add(answerValueSetUrl(instrument.id()));
        }
        return List.copyOf(urls);
    }

    /** Everything bundled, as fresh resources. */
    public List<Resource> resources() {
        List<Resource> resources = new ArrayList<>();
        conditionValueSetUrls().forEach(url -> resources.add(readValueSet(url, CONDITION_FILES.get(url))));
        for (InstrumentDefinition instrument : instruments.all()) {
            resources.add(instrumentValueSet(instrument));
            resources.add(answerValueSet(instrument));
        }
        resources.addAll(QuestionnaireIndex.readBundled(fhirContext));
        return List.copyOf(resources);
    }

    /**
     * Stores each bundled resource whose canonical URL the repository does not hold yet; what is held (in any status,
     * whoever changed it) is left alone. Returns what was stored.
     */
    public List<StoredResource> loadInto(TerminologyRepository repository) {
        return repository.loadBundled(resources(), AUTHOR);
    }

    private ValueSet readValueSet(String url, String file) {
        try (InputStream in = BundledTerminology.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("Bundled value set missing from the classpath: " + FOLDER + file);
            }
            ValueSet valueSet = fhirContext.newJsonParser().parseResource(ValueSet.class, in);
            if (!url.equals(valueSet.getUrl())) {
                throw new IllegalStateException("Bundled value set " + FOLDER + file + " has url "
                        + valueSet.getUrl() + ", expected " + url);
            }
            return valueSet;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read bundled value set " + FOLDER + file, e);
        }
    }

    private static ValueSet instrumentValueSet(InstrumentDefinition instrument) {
        ValueSet valueSet = describe(new ValueSet(), "instrument-" + instrument.id(),
                instrumentValueSetUrl(instrument.id()), "Instrument" + identifier(instrument.name()),
                instrument.name() + " codes",
                "The LOINC codes that identify " + instrument.title() + ": panel, total score and items (each item "
                        + "with its number on the published form). Generated from Vouch's instrument catalog; "
                        + "source: " + instrument.source() + ".");
        ValueSet.ConceptSetComponent loinc = valueSet.getCompose().addInclude().setSystem(CodeSystems.LOINC);
        instrument.panelCodes().stream().sorted().forEach(code ->
                loinc.addConcept().setCode(code).setDisplay(instrument.name() + " panel"));
        instrument.totalCodes().stream().sorted().forEach(code ->
                loinc.addConcept().setCode(code).setDisplay(instrument.name() + " total score"));
        instrument.items().stream().sorted(Comparator.comparingInt(InstrumentDefinition.Item::number))
                .forEach(item -> loinc.addConcept().setCode(item.code()).setDisplay(item.text())
                        .addExtension(ITEM_NUMBER_EXTENSION, new IntegerType(item.number())));
        instrument.unscoredItemCodes().stream().sorted().forEach(code ->
                loinc.addConcept().setCode(code).setDisplay(instrument.name() + " item not counted in the score"));
        return valueSet;
    }

    private static ValueSet answerValueSet(InstrumentDefinition instrument) {
        ValueSet valueSet = describe(new ValueSet(), "instrument-" + instrument.id() + "-answers",
                answerValueSetUrl(instrument.id()), "Instrument" + identifier(instrument.name()) + "Answers",
                instrument.name() + " answers",
                "The LOINC answer codes of " + instrument.title() + ", each with its score as the SDC itemWeight. "
                        + "Generated from Vouch's instrument catalog; score by the weight, not by the display.");
        ValueSet.ConceptSetComponent loinc = valueSet.getCompose().addInclude().setSystem(CodeSystems.LOINC);
        instrument.answerScores().entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .forEach(answer -> loinc.addConcept().setCode(answer.getKey())
                        .setDisplay(instrument.answerDisplays().getOrDefault(answer.getKey(), answer.getKey()))
                        .addExtension(CodeSystems.ITEM_WEIGHT_EXTENSION, new DecimalType(answer.getValue())));
        return valueSet;
    }

    private static ValueSet describe(ValueSet valueSet, String id, String url, String name, String title,
                                     String description) {
        valueSet.setId(id);
        valueSet.setUrl(url);
        valueSet.setName(name);
        valueSet.setTitle(title);
        valueSet.setStatus(PublicationStatus.ACTIVE);
        valueSet.setExperimental(false);
        valueSet.setPublisher("Vouch");
        valueSet.setDescription(description);
        return valueSet;
    }

    /** A computer-friendly name part: "PHQ-9" becomes "PHQ9". */
    private static String identifier(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "");
    }
}
