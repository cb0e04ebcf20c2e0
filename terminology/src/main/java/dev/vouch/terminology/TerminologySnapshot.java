package dev.vouch.terminology;

import dev.vouch.terminology.instrument.InstrumentCatalog;
import dev.vouch.terminology.questionnaire.QuestionnaireIndex;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable, in-memory index of the active terminology configuration: what the hook path asks of codes, answered
 * without touching a database. A new snapshot is built whenever the configuration changes.
 * <p>
 * Value sets are expanded from their {@code compose}: enumerated concepts, whole code systems held here, and other
 * value sets by canonical URL; excludes are honoured. Retired resources are not indexed.
 */
public final class TerminologySnapshot {

    private final long version;
    private final InstrumentCatalog instruments;
    private final QuestionnaireIndex questionnaires;
    private final Map<String, ValueSet> valueSets;
    private final Map<String, CodeSystem> codeSystems;
    private final Map<String, Set<SystemCode>> expansions = new HashMap<>();
    private final Map<SystemCode, List<Translation>> translations;
    private final Map<SystemCode, Concept> concepts;

    /** A code in a code system. */
    public record SystemCode(String system, String code) {
    }

    /** A concept as a code system defines it. */
    public record Concept(String system, String code, String display, Map<String, String> properties) {
    }

    /** One target of a ConceptMap translation, and the map that says so. */
    public record Translation(String sourceSystem, String sourceCode, String targetSystem, String targetCode,
                              String targetDisplay, String equivalence, String conceptMapUrl) {
    }

    private TerminologySnapshot(long version, InstrumentCatalog instruments, QuestionnaireIndex questionnaires,
                                Map<String, ValueSet> valueSets, Map<String, CodeSystem> codeSystems,
                                Map<SystemCode, List<Translation>> translations, Map<SystemCode, Concept> concepts) {
        this.version = version;
        this.instruments = instruments;
        this.questionnaires = questionnaires;
        this.valueSets = valueSets;
        this.codeSystems = codeSystems;
        this.translations = translations;
        this.concepts = concepts;
        valueSets.keySet().forEach(url -> expansions.put(url, expand(url, new HashSet<>())));
    }

    /**
     * Builds a snapshot from the active resources of a configuration (CodeSystem, ValueSet, ConceptMap, Questionnaire;
     * other types and retired resources are ignored). Bundled questionnaires are always known.
     */
    public static TerminologySnapshot of(long version, InstrumentCatalog instruments, QuestionnaireIndex bundledForms,
                                         Collection<? extends Resource> resources) {
        Map<String, ValueSet> valueSets = new LinkedHashMap<>();
        Map<String, CodeSystem> codeSystems = new LinkedHashMap<>();
        Map<SystemCode, List<Translation>> translations = new HashMap<>();
        Map<SystemCode, Concept> concepts = new HashMap<>();
        List<Questionnaire> forms = new ArrayList<>();
        for (Resource resource : resources) {
            switch (resource) {
                case ValueSet valueSet when isActive(valueSet.getStatus()) && valueSet.hasUrl() ->
                        valueSets.put(valueSet.getUrl(), valueSet);
                case CodeSystem codeSystem when isActive(codeSystem.getStatus()) && codeSystem.hasUrl() -> {
                    codeSystems.put(codeSystem.getUrl(), codeSystem);
                    indexConcepts(codeSystem.getUrl(), codeSystem.getConcept(), concepts);
                }
                case ConceptMap map when isActive(map.getStatus()) -> indexTranslations(map, translations);
                case Questionnaire form when isActive(form.getStatus()) -> forms.add(form);
                default -> { }
            }
        }
        translations.replaceAll((key, list) -> List.copyOf(list));
        return new TerminologySnapshot(version, instruments, bundledForms.with(forms), Map.copyOf(valueSets),
                Map.copyOf(codeSystems), Map.copyOf(translations), Map.copyOf(concepts));
    }

    private static boolean isActive(Enumerations.PublicationStatus status) {
        return status != Enumerations.PublicationStatus.RETIRED;
    }

    /** The configuration version this snapshot was built from. */
    public long version() {
        return version;
    }

    public InstrumentCatalog instruments() {
        return instruments;
    }

    /** Bundled and registered forms. */
    public QuestionnaireIndex questionnaires() {
        return questionnaires;
    }

    /** Whether a code is in a value set (by canonical URL). An unknown value set holds nothing. */
    public boolean memberOf(String valueSetUrl, String system, String code) {
        Set<SystemCode> members = expansions.get(valueSetUrl);
        return members != null && members.contains(new SystemCode(system, code));
    }

    /** The codes of a value set, in a stable order; empty when the value set is unknown. */
    public Optional<Set<SystemCode>> expansion(String valueSetUrl) {
        return Optional.ofNullable(expansions.get(valueSetUrl));
    }

    public Optional<ValueSet> valueSet(String url) {
        return Optional.ofNullable(valueSets.get(url));
    }

    public Optional<CodeSystem> codeSystem(String url) {
        return Optional.ofNullable(codeSystems.get(url));
    }

    public Optional<Concept> lookup(String system, String code) {
        return Optional.ofNullable(concepts.get(new SystemCode(system, code)));
    }

    /** Targets of a code across the active ConceptMaps; {@code targetSystem} null means any target. */
    public List<Translation> translate(String sourceSystem, String code, String targetSystem) {
        return translations.getOrDefault(new SystemCode(sourceSystem, code), List.of()).stream()
                .filter(t -> targetSystem == null || targetSystem.equals(t.targetSystem()))
                .toList();
    }

    private Set<SystemCode> expand(String url, Set<String> visiting) {
        Set<SystemCode> done = expansions.get(url);
        if (done != null) {
            return done;
        }
        ValueSet valueSet = valueSets.get(url);
        if (valueSet == null || !visiting.add(url)) {
            return Set.of();
        }
        Set<SystemCode> members = new LinkedHashSet<>();
        for (ValueSet.ConceptSetComponent include : valueSet.getCompose().getInclude()) {
            members.addAll(codesOf(include, visiting));
        }
        for (ValueSet.ConceptSetComponent exclude : valueSet.getCompose().getExclude()) {
            members.removeAll(codesOf(exclude, visiting));
        }
        // A value set that carries only an expansion (no compose) is taken as it stands.
        valueSet.getExpansion().getContains().forEach(contains ->
                members.add(new SystemCode(contains.getSystem(), contains.getCode())));
        visiting.remove(url);
        Set<SystemCode> expanded = java.util.Collections.unmodifiableSet(members);
        expansions.put(url, expanded);
        return expanded;
    }

    private Set<SystemCode> codesOf(ValueSet.ConceptSetComponent set, Set<String> visiting) {
        Set<SystemCode> codes = new LinkedHashSet<>();
        if (set.hasSystem()) {
            if (set.hasConcept()) {
                set.getConcept().forEach(concept -> codes.add(new SystemCode(set.getSystem(), concept.getCode())));
            } else if (codeSystems.containsKey(set.getSystem()) && !set.hasFilter()) {
                allCodes(set.getSystem(), codeSystems.get(set.getSystem()).getConcept(), codes);
            }
        }
        for (var nested : set.getValueSet()) {
            Set<SystemCode> fromOther = expand(nested.getValue(), visiting);
            if (set.hasSystem()) {
                fromOther.stream().filter(code -> code.system().equals(set.getSystem())).forEach(codes::add);
            } else {
                codes.addAll(fromOther);
            }
        }
        return codes;
    }

    private static void allCodes(String system, List<CodeSystem.ConceptDefinitionComponent> concepts,
                                 Set<SystemCode> into) {
        for (CodeSystem.ConceptDefinitionComponent concept : concepts) {
            into.add(new SystemCode(system, concept.getCode()));
            allCodes(system, concept.getConcept(), into);
        }
    }

    private static void indexConcepts(String system, List<CodeSystem.ConceptDefinitionComponent> defined,
                                      Map<SystemCode, Concept> into) {
        for (CodeSystem.ConceptDefinitionComponent concept : defined) {
            Map<String, String> properties = new LinkedHashMap<>();
            concept.getProperty().forEach(property -> properties.put(property.getCode(),
                    property.hasValue() ? property.getValue().primitiveValue() : ""));
            into.put(new SystemCode(system, concept.getCode()),
                    new Concept(system, concept.getCode(), concept.getDisplay(), Map.copyOf(properties)));
            indexConcepts(system, concept.getConcept(), into);
        }
    }

    private static void indexTranslations(ConceptMap map, Map<SystemCode, List<Translation>> into) {
        for (ConceptMap.ConceptMapGroupComponent group : map.getGroup()) {
            for (ConceptMap.SourceElementComponent element : group.getElement()) {
                for (ConceptMap.TargetElementComponent target : element.getTarget()) {
                    if (!target.hasCode() || target.getEquivalence() == Enumerations.ConceptMapEquivalence.UNMATCHED
                            || target.getEquivalence() == Enumerations.ConceptMapEquivalence.DISJOINT) {
                        continue;
                    }
                    into.computeIfAbsent(new SystemCode(group.getSource(), element.getCode()), k -> new ArrayList<>())
                            .add(new Translation(group.getSource(), element.getCode(), group.getTarget(),
                                    target.getCode(), target.getDisplay(),
                                    target.getEquivalence() == null ? "equivalent" : target.getEquivalence().toCode(),
                                    map.getUrl()));
                }
            }
        }
    }
}
