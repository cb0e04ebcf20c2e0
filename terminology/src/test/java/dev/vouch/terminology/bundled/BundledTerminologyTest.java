package dev.vouch.terminology.bundled;

import ca.uhn.fhir.context.FhirContext;
import dev.vouch.terminology.CodeSystems;
import dev.vouch.terminology.ValueSets;
import dev.vouch.terminology.instrument.InstrumentCatalog;
import dev.vouch.terminology.store.JdbcTerminologyRepository;
import dev.vouch.terminology.store.StoredResource;
import dev.vouch.terminology.store.TerminologyResourceType;
import dev.vouch.terminology.testing.TestDatabase;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class BundledTerminologyTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final InstrumentCatalog CATALOG = InstrumentCatalog.bundled();
    private static final BundledTerminology BUNDLED = new BundledTerminology(FHIR, CATALOG);
    private static final List<String> CONDITIONS = List.of(ValueSets.DEPRESSION, ValueSets.ANXIETY,
            ValueSets.SUICIDAL_IDEATION, ValueSets.SUICIDE_ATTEMPT, ValueSets.POSTPARTUM_DEPRESSION, ValueSets.PTSD,
            ValueSets.BIPOLAR_DISORDER, ValueSets.ALCOHOL_USE_DISORDER);

    private static ValueSet valueSet(String url) {
        return BUNDLED.resources().stream()
                .filter(ValueSet.class::isInstance).map(ValueSet.class::cast)
                .filter(valueSet -> url.equals(valueSet.getUrl()))
                .findFirst().orElseThrow();
    }

    private static Map<String, ValueSet.ConceptReferenceComponent> concepts(ValueSet valueSet, String system) {
        return valueSet.getCompose().getInclude().stream()
                .filter(include -> system.equals(include.getSystem()))
                .flatMap(include -> include.getConcept().stream())
                .collect(Collectors.toMap(ValueSet.ConceptReferenceComponent::getCode, concept -> concept));
    }

    private static boolean unconfirmed(ValueSet.ConceptReferenceComponent concept) {
        return concept.getExtension().stream().anyMatch(extension ->
                ValueSets.UNCONFIRMED_EXTENSION.equals(extension.getUrl())
                        && ((BooleanType) extension.getValue()).booleanValue());
    }

    @ParameterizedTest(name = "{0} is bundled in SNOMED CT and ICD-10-CM, every concept with a display")
    @ValueSource(strings = {ValueSets.DEPRESSION, ValueSets.ANXIETY, ValueSets.SUICIDAL_IDEATION,
            ValueSets.SUICIDE_ATTEMPT, ValueSets.POSTPARTUM_DEPRESSION, ValueSets.PTSD, ValueSets.BIPOLAR_DISORDER,
            ValueSets.ALCOHOL_USE_DISORDER})
    void everyConditionValueSetIsBundledWithBothCodeSystemsAndDisplays(String url) {
        ValueSet valueSet = valueSet(url);

        assertThat(valueSet.getStatus()).isEqualTo(PublicationStatus.ACTIVE);
        assertThat(concepts(valueSet, CodeSystems.SNOMED_CT)).isNotEmpty();
        assertThat(concepts(valueSet, CodeSystems.ICD_10_CM)).isNotEmpty();
        assertThat(valueSet.getCompose().getInclude()).flatExtracting(ValueSet.ConceptSetComponent::getConcept)
                .allSatisfy(concept -> assertThat(((ValueSet.ConceptReferenceComponent) concept).getDisplay())
                        .isNotBlank());
    }

    @Test
    void depressionEnumeratesTheIcdRangesOfTheSources() {
        assertThat(concepts(valueSet(ValueSets.DEPRESSION), CodeSystems.ICD_10_CM).keySet())
                .containsExactlyInAnyOrder("F32.0", "F32.1", "F32.2", "F32.3", "F32.4", "F32.5", "F32.9", "F32.A",
                        "F33.0", "F33.1", "F33.2", "F33.3", "F33.40", "F33.41", "F33.42", "F33.9");
        assertThat(concepts(valueSet(ValueSets.DEPRESSION), CodeSystems.SNOMED_CT).keySet())
                .containsExactlyInAnyOrder("370143000", "36923009", "66344007", "79298009", "15639000", "76441001",
                        "40379007", "18818009", "36474008");
    }

    @Test
    void bipolarDisorderHoldsF310ToF319AsListedAndNoSubcodes() {
        assertThat(concepts(valueSet(ValueSets.BIPOLAR_DISORDER), CodeSystems.ICD_10_CM).keySet())
                .containsExactlyInAnyOrder("F31.0", "F31.1", "F31.2", "F31.3", "F31.4", "F31.5", "F31.6", "F31.7",
                        "F31.8", "F31.9");
    }

    @Test
    void onlyTheSuicideAttemptSnomedCodeFromASecondarySourceIsFlaggedUnconfirmed() {
        List<String> flagged = CONDITIONS.stream()
                .flatMap(url -> valueSet(url).getCompose().getInclude().stream())
                .flatMap(include -> include.getConcept().stream())
                .filter(BundledTerminologyTest::unconfirmed)
                .map(ValueSet.ConceptReferenceComponent::getCode)
                .toList();

        assertThat(flagged).containsExactly("82313006");
        assertThat(BundledTerminology.conditionValueSetUrls()).containsExactlyInAnyOrderElementsOf(CONDITIONS);
    }

    @Test
    void thePhq9InstrumentValueSetHoldsPanelTotalAndNumberedItems() {
        ValueSet phq9 = valueSet(BundledTerminology.instrumentValueSetUrl("phq-9"));
        Map<String, ValueSet.ConceptReferenceComponent> loinc = concepts(phq9, CodeSystems.LOINC);

        assertThat(phq9.getUrl()).isEqualTo("https://vouch.dev/fhir/ValueSet/instrument-phq-9");
        assertThat(loinc).containsKeys("44249-1", "44261-6", "44250-9", "44260-8", "69722-7");
        assertThat(((IntegerType) loinc.get("44260-8").getExtensionByUrl(BundledTerminology.ITEM_NUMBER_EXTENSION)
                .getValue()).getValue()).isEqualTo(9);
        assertThat(((IntegerType) loinc.get("44250-9").getExtensionByUrl(BundledTerminology.ITEM_NUMBER_EXTENSION)
                .getValue()).getValue()).isEqualTo(1);
        assertThat(loinc.get("44249-1").getExtensionByUrl(BundledTerminology.ITEM_NUMBER_EXTENSION)).isNull();
    }

    @Test
    void answerValueSetsCarryEachScoreAsItemWeight() {
        Map<String, ValueSet.ConceptReferenceComponent> answers =
                concepts(valueSet(BundledTerminology.answerValueSetUrl("gad-7")), CodeSystems.LOINC);

        assertThat(answers).containsKeys("LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9", "LA18938-3");
        assertThat(weight(answers.get("LA6568-5"))).isEqualTo(0);
        assertThat(weight(answers.get("LA6571-9"))).isEqualTo(3);
        assertThat(weight(answers.get("LA18938-3"))).isEqualTo(2);
        assertThat(answers.get("LA6570-1").getDisplay()).isEqualTo("More than half the days");
    }

    private static int weight(ValueSet.ConceptReferenceComponent concept) {
        return ((DecimalType) concept.getExtensionByUrl(CodeSystems.ITEM_WEIGHT_EXTENSION).getValue())
                .getValue().intValueExact();
    }

    @Test
    void thePublishedFormsAreBundled() {
        assertThat(BUNDLED.resources()).filteredOn(Questionnaire.class::isInstance)
                .extracting(resource -> ((Questionnaire) resource).getUrl())
                .contains("http://hl7.org/fhir/us/pco/Questionnaire/44249-1",
                        "http://hl7.org/fhir/us/pco/Questionnaire/69737-5");
    }

    @Test
    void everyBundledResourceHasAUniqueUrl() {
        List<String> urls = BUNDLED.resources().stream().map(resource -> ((MetadataResource) resource).getUrl())
                .toList();

        assertThat(urls).doesNotHaveDuplicates().doesNotContainNull();
        assertThat(BundledTerminology.valueSetUrls(CATALOG)).isSubsetOf(urls);
    }

    @Test
    void loadingTwiceStoresOnceAndLeavesTheConfigurationVersionAlone() {
        TestDatabase.Database database = TestDatabase.fresh();
        JdbcTerminologyRepository repository = new JdbcTerminologyRepository(database.jdbc(),
                database.transactionManager(), FHIR);

        List<StoredResource> first = BUNDLED.loadInto(repository);
        long afterFirst = repository.configurationVersion();
        List<StoredResource> second = BUNDLED.loadInto(repository);

        assertThat(first).hasSize(BUNDLED.resources().size());
        assertThat(first).extracting(StoredResource::changedBy).containsOnly(BundledTerminology.AUTHOR);
        assertThat(first).extracting(StoredResource::change).containsOnly("bundled");
        assertThat(second).isEmpty();
        assertThat(repository.configurationVersion()).isEqualTo(afterFirst);
        assertThat(repository.currentAll()).hasSize(first.size());
    }

    @Test
    void reloadingKeepsAnAdminsEditAndRetirement() {
        TestDatabase.Database database = TestDatabase.fresh();
        JdbcTerminologyRepository repository = new JdbcTerminologyRepository(database.jdbc(),
                database.transactionManager(), FHIR);
        BUNDLED.loadInto(repository);
        String depressionId = idOf(repository.currentAll(), ValueSets.DEPRESSION);
        String ptsdId = idOf(repository.currentAll(), ValueSets.PTSD);
        ValueSet edited = (ValueSet) repository.read(TerminologyResourceType.ValueSet, depressionId).orElseThrow()
                .resource();
        edited.getCompose().getIncludeFirstRep().addConcept().setCode("300706003").setDisplay("Endogenous depression");
        repository.update(TerminologyResourceType.ValueSet, depressionId, edited, OptionalInt.of(1), "admin@site");
        repository.retire(TerminologyResourceType.ValueSet, ptsdId, OptionalInt.of(1), "admin@site");

        List<StoredResource> reloaded = BUNDLED.loadInto(repository);

        assertThat(reloaded).isEmpty();
        StoredResource depression = repository.read(TerminologyResourceType.ValueSet, depressionId).orElseThrow();
        assertThat(depression.version()).isEqualTo(2);
        assertThat(depression.changedBy()).isEqualTo("admin@site");
        assertThat(concepts((ValueSet) depression.resource(), CodeSystems.SNOMED_CT)).containsKey("300706003");
        assertThat(repository.read(TerminologyResourceType.ValueSet, ptsdId).orElseThrow().status())
                .isEqualTo("retired");
    }

    private static String idOf(List<StoredResource> stored, String url) {
        return stored.stream().filter(resource -> url.equals(resource.url())).map(StoredResource::id)
                .findFirst().orElseThrow();
    }
}
