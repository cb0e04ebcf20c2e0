package dev.vouch.terminology.operations;

import dev.vouch.terminology.CodeSystems;
import dev.vouch.terminology.TerminologySnapshot;
import dev.vouch.terminology.TerminologySnapshot.SystemCode;
import dev.vouch.terminology.TerminologySnapshot.Translation;
import dev.vouch.terminology.TerminologySource;
import dev.vouch.terminology.ValueSets;
import dev.vouch.terminology.bundled.BundledTerminology;
import dev.vouch.terminology.store.TerminologyException;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The FHIR terminology operations ({@code ValueSet/$expand}, {@code ValueSet/$validate-code}, {@code CodeSystem/$lookup},
 * {@code ConceptMap/$translate}) answered from the current snapshot, and from a remote terminology server, when one is
 * configured, for code systems not held here. Answers are HAPI R4 resources, shaped as the FHIR operations define.
 */
public final class TerminologyOperations {

    private static final String NO_REMOTE = "no remote terminology server is configured (vouch.terminology.remote-url)";

    private final TerminologySource source;
    private final Optional<RemoteTerminology> remote;
    private final AtomicReference<Indexes> indexes = new AtomicReference<>();

    public TerminologyOperations(TerminologySource source, Optional<RemoteTerminology> remote) {
        this.source = source;
        this.remote = remote;
    }

    /** A code as a value set presents it: display, extensions of the value set's concept, a lower-case search key. */
    private record Member(SystemCode code, String display, boolean unconfirmed, List<Extension> extensions,
                          String searchText) {
    }

    /** A value set's codes in expansion order, and by code. */
    private record Expansion(List<Member> members, Map<SystemCode, Member> byCode) {
    }

    /** What a value set's definition says of one of its concepts. */
    private record Declared(String display, List<Extension> extensions) {
    }

    /** Indexes over one snapshot, built on first use and dropped with it. */
    private static final class Indexes {
        private final TerminologySnapshot snapshot;
        private final Map<String, Expansion> expansions = new ConcurrentHashMap<>();
        private volatile Map<SystemCode, Declared> bundledConcepts;

        private Indexes(TerminologySnapshot snapshot) {
            this.snapshot = snapshot;
        }
    }

    /**
     * {@code ValueSet/$expand}.
     *
     * @param filter case-insensitive text that a code or its display must contain; null or blank for all
     * @param offset how many matching codes to skip
     * @param count  the most codes to return; 0 returns only the total
     * @throws TerminologyException.NotFound when the value set is not held here and no remote server is configured
     */
    public ValueSet expand(String valueSetUrl, String filter, int offset, int count) {
        require(valueSetUrl, "url");
        if (offset < 0 || count < 0) {
            throw new TerminologyException.BadRequest("$expand offset and count cannot be negative (got offset "
                    + offset + ", count " + count + ")");
        }
        TerminologySnapshot snapshot = source.current();
        Optional<ValueSet> held = snapshot.valueSet(valueSetUrl);
        if (held.isEmpty()) {
            return remote.map(server -> server.expand(valueSetUrl, filter, offset, count))
                    .orElseThrow(() -> notHeld(valueSetUrl));
        }
        ValueSet valueSet = held.get();
        Optional<String> outside = notExpandableHere(snapshot, valueSet, new HashSet<>());
        if (outside.isPresent()) {
            return remote.map(server -> server.expand(valueSet, filter, offset, count))
                    .orElseThrow(() -> notExpandable(valueSetUrl, outside.get()));
        }
        String needle = filter == null || filter.isBlank() ? null : filter.strip().toLowerCase(Locale.ROOT);
        ValueSet result = new ValueSet();
        result.setUrl(valueSet.getUrl());
        result.setVersion(valueSet.getVersion());
        result.setName(valueSet.getName());
        result.setTitle(valueSet.getTitle());
        result.setStatus(valueSet.getStatus());
        ValueSet.ValueSetExpansionComponent expansion = result.getExpansion();
        expansion.setIdentifier("urn:uuid:" + UUID.randomUUID());
        expansion.setTimestamp(new Date());
        long end = (long) offset + count;
        int total = 0;
        for (Member member : expansion(snapshot, valueSetUrl).members()) {
            if (needle != null && !member.searchText().contains(needle)) {
                continue;
            }
            if (total >= offset && total < end) {
                ValueSet.ValueSetExpansionContainsComponent contains = expansion.addContains()
                        .setSystem(member.code().system()).setCode(member.code().code()).setDisplay(member.display());
                member.extensions().forEach(extension -> contains.addExtension(extension.copy()));
            }
            total++;
        }
        expansion.setTotal(total);
        expansion.setOffset(offset);
        if (needle != null) {
            expansion.addParameter().setName("filter").setValue(new StringType(filter));
        }
        expansion.addParameter().setName("offset").setValue(new IntegerType(offset));
        expansion.addParameter().setName("count").setValue(new IntegerType(count));
        return result;
    }

    /**
     * {@code ValueSet/$validate-code}: {@code result}, a {@code message} when false (or when the code is in the value
     * set but unconfirmed), and the {@code display} the value set gives the code. Without a system, the code is looked
     * for in every code system of the value set, and must be in only one.
     */
    public Parameters validateCode(String valueSetUrl, String system, String code, String display) {
        require(valueSetUrl, "url");
        require(code, "code");
        String codeSystem = system == null || system.isBlank() ? null : system;
        TerminologySnapshot snapshot = source.current();
        Optional<ValueSet> held = snapshot.valueSet(valueSetUrl);
        if (held.isEmpty()) {
            return remote.map(server -> server.validateCode(valueSetUrl, codeSystem, code, display))
                    .orElseThrow(() -> notHeld(valueSetUrl));
        }
        Optional<String> outside = notExpandableHere(snapshot, held.get(), new HashSet<>());
        if (outside.isPresent()) {
            return remote.map(server -> server.validateCode(held.get(), codeSystem, code, display))
                    .orElseThrow(() -> notExpandable(valueSetUrl, outside.get()));
        }
        Expansion expansion = expansion(snapshot, valueSetUrl);
        Member member = codeSystem != null ? expansion.byCode().get(new SystemCode(codeSystem, code))
                : onlyMemberWithCode(expansion, valueSetUrl, code);
        Parameters out = new Parameters();
        if (member == null) {
            out.addParameter().setName("result").setValue(new BooleanType(false));
            out.addParameter().setName("message").setValue(new StringType("The code '" + code + "'"
                    + (codeSystem == null ? "" : " from system " + codeSystem) + " is not in the value set "
                    + valueSetUrl));
            if (codeSystem != null) {
                knownDisplay(snapshot, codeSystem, code).ifPresent(known ->
                        out.addParameter().setName("display").setValue(new StringType(known)));
            }
            return out;
        }
        boolean displayDiffers = display != null && member.display() != null
                && !display.strip().equalsIgnoreCase(member.display());
        out.addParameter().setName("result").setValue(new BooleanType(!displayDiffers));
        if (displayDiffers) {
            out.addParameter().setName("message").setValue(new StringType("The display '" + display
                    + "' is not the display of " + member.code().system() + "#" + code + " in the value set "
                    + valueSetUrl + ", which is '" + member.display() + "'"));
        } else if (member.unconfirmed()) {
            out.addParameter().setName("message").setValue(new StringType("The code '" + code + "' is in the value "
                    + "set, but the sources Vouch was built from do not confirm it; it is kept configurable"));
        }
        if (member.display() != null) {
            out.addParameter().setName("display").setValue(new StringType(member.display()));
        }
        return out;
    }

    private static Member onlyMemberWithCode(Expansion expansion, String valueSetUrl, String code) {
        List<Member> withCode = expansion.members().stream().filter(member -> code.equals(member.code().code()))
                .toList();
        if (withCode.size() > 1) {
            throw new TerminologyException.BadRequest("The code '" + code + "' is in more than one code system of "
                    + "the value set " + valueSetUrl + "; give its system");
        }
        return withCode.isEmpty() ? null : withCode.getFirst();
    }

    /**
     * {@code CodeSystem/$lookup}: {@code name}, {@code version}, {@code display}, {@code designation} and
     * {@code property} parts. Code systems not held here go to the remote server when one is configured; without one,
     * codes of Vouch's bundled value sets (LOINC, SNOMED CT, ICD-10-CM) are answered from those value sets.
     */
    public Parameters lookup(String system, String code) {
        require(system, "system");
        require(code, "code");
        TerminologySnapshot snapshot = source.current();
        Optional<CodeSystem> held = snapshot.codeSystem(system);
        if (held.isPresent()) {
            CodeSystem codeSystem = held.get();
            Optional<CodeSystem.ConceptDefinitionComponent> concept = find(codeSystem.getConcept(), code);
            if (concept.isPresent()) {
                return lookupAnswer(codeSystem, concept.get());
            }
            if (codeSystem.getContent() != CodeSystem.CodeSystemContentMode.FRAGMENT
                    && codeSystem.getContent() != CodeSystem.CodeSystemContentMode.EXAMPLE) {
                throw new TerminologyException.NotFound("The code '" + code + "' is not in the code system "
                        + system + " held here");
            }
        }
        if (remote.isPresent()) {
            return remote.get().lookup(system, code);
        }
        Declared bundled = bundledConcepts(indexes(snapshot)).get(new SystemCode(system, code));
        if (bundled != null && bundled.display() != null) {
            Parameters out = new Parameters();
            out.addParameter().setName("name").setValue(new StringType(systemName(system)));
            out.addParameter().setName("display").setValue(new StringType(bundled.display()));
            return out;
        }
        if (held.isPresent()) {
            throw new TerminologyException.NotFound("The code '" + code + "' is not in the part of code system "
                    + system + " held here, and " + NO_REMOTE);
        }
        throw new TerminologyException.NotFound("The code system " + system + " is not held here and " + NO_REMOTE
                + "; the code '" + code + "' is not in Vouch's bundled value sets either");
    }

    /**
     * {@code ConceptMap/$translate}: {@code result}, a {@code message} when false, and a {@code match} part per target
     * ({@code equivalence}, {@code concept}, {@code source}).
     *
     * @param conceptMapUrl only this map; null for every active map
     * @param targetSystem  only targets in this system; null for any
     */
    public Parameters translate(String conceptMapUrl, String system, String code, String targetSystem) {
        require(system, "system");
        require(code, "code");
        TerminologySnapshot snapshot = source.current();
        List<Translation> matches = snapshot.translate(system, code, targetSystem).stream()
                .filter(match -> conceptMapUrl == null || conceptMapUrl.equals(match.conceptMapUrl()))
                .toList();
        if (matches.isEmpty() && remote.isPresent() && snapshot.codeSystem(system).isEmpty()) {
            return remote.get().translate(conceptMapUrl, system, code, targetSystem);
        }
        Parameters out = new Parameters();
        out.addParameter().setName("result").setValue(new BooleanType(!matches.isEmpty()));
        if (matches.isEmpty()) {
            out.addParameter().setName("message").setValue(new StringType("No active ConceptMap"
                    + (conceptMapUrl == null ? "" : " " + conceptMapUrl) + " held here maps " + system + "#" + code
                    + (targetSystem == null ? "" : " to " + targetSystem)));
        }
        for (Translation match : matches) {
            ParametersParameterComponent part = out.addParameter().setName("match");
            part.addPart().setName("equivalence").setValue(new CodeType(match.equivalence()));
            part.addPart().setName("concept").setValue(new Coding(match.targetSystem(), match.targetCode(),
                    match.targetDisplay()));
            if (match.conceptMapUrl() != null) {
                part.addPart().setName("source").setValue(new UriType(match.conceptMapUrl()));
            }
        }
        return out;
    }

    private Indexes indexes(TerminologySnapshot snapshot) {
        Indexes current = indexes.get();
        if (current != null && current.snapshot == snapshot) {
            return current;
        }
        // A caller still on an older snapshot may replace this; that costs a rebuild, never a wrong answer.
        Indexes fresh = new Indexes(snapshot);
        indexes.set(fresh);
        return fresh;
    }

    private Expansion expansion(TerminologySnapshot snapshot, String valueSetUrl) {
        Indexes index = indexes(snapshot);
        return index.expansions.computeIfAbsent(valueSetUrl, url -> buildExpansion(index, url));
    }

    private Expansion buildExpansion(Indexes index, String valueSetUrl) {
        TerminologySnapshot snapshot = index.snapshot;
        Map<SystemCode, Declared> declared = new HashMap<>();
        declare(snapshot, valueSetUrl, declared, new HashSet<>());
        Set<SystemCode> codes = snapshot.expansion(valueSetUrl).orElse(Set.of());
        List<Member> members = new ArrayList<>(codes.size());
        Map<SystemCode, Member> byCode = new HashMap<>(codes.size() * 2);
        for (SystemCode code : codes) {
            Declared here = declared.get(code);
            String display = here != null && here.display() != null ? here.display()
                    : snapshot.lookup(code.system(), code.code()).map(TerminologySnapshot.Concept::display)
                    .or(() -> Optional.ofNullable(bundledConcepts(index).get(code)).map(Declared::display))
                    .orElse(null);
            List<Extension> extensions = here == null ? List.of() : here.extensions();
            String searchText = (code.code() + "\n" + (display == null ? "" : display)).toLowerCase(Locale.ROOT);
            Member member = new Member(code, display, isUnconfirmed(extensions), extensions, searchText);
            members.add(member);
            byCode.put(code, member);
        }
        return new Expansion(List.copyOf(members), Map.copyOf(byCode));
    }

    /** The concepts Vouch's bundled value sets (in their current, possibly edited, versions) declare. */
    private static Map<SystemCode, Declared> bundledConcepts(Indexes index) {
        Map<SystemCode, Declared> concepts = index.bundledConcepts;
        if (concepts == null) {
            Map<SystemCode, Declared> built = new HashMap<>();
            Set<String> visited = new HashSet<>();
            BundledTerminology.valueSetUrls(index.snapshot.instruments())
                    .forEach(url -> declare(index.snapshot, url, built, visited));
            concepts = Map.copyOf(built);
            index.bundledConcepts = concepts;
        }
        return concepts;
    }

    /** Collects what a value set, and the value sets it includes, say of their concepts. */
    private static void declare(TerminologySnapshot snapshot, String valueSetUrl, Map<SystemCode, Declared> into,
                                Set<String> visited) {
        if (!visited.add(valueSetUrl)) {
            return;
        }
        snapshot.valueSet(valueSetUrl).ifPresent(valueSet -> {
            for (ValueSet.ConceptSetComponent include : valueSet.getCompose().getInclude()) {
                for (ValueSet.ConceptReferenceComponent concept : include.getConcept()) {
                    into.merge(new SystemCode(include.getSystem(), concept.getCode()),
                            new Declared(concept.getDisplay(), List.copyOf(concept.getExtension())),
                            TerminologyOperations::firstWithDisplay);
                }
                include.getValueSet().forEach(nested -> declare(snapshot, nested.getValue(), into, visited));
            }
            for (ValueSet.ValueSetExpansionContainsComponent contains : valueSet.getExpansion().getContains()) {
                into.merge(new SystemCode(contains.getSystem(), contains.getCode()),
                        new Declared(contains.getDisplay(), List.copyOf(contains.getExtension())),
                        TerminologyOperations::firstWithDisplay);
            }
        });
    }

    private static Declared firstWithDisplay(Declared first, Declared second) {
        return first.display() != null ? first : new Declared(second.display(),
                first.extensions().isEmpty() ? second.extensions() : first.extensions());
    }

    /**
     * Why a value set cannot be expanded from what is held here (a whole or filtered code system not held, a value
     * set not held), if it cannot.
     */
    private static Optional<String> notExpandableHere(TerminologySnapshot snapshot, ValueSet valueSet,
                                                      Set<String> visited) {
        if (!visited.add(valueSet.getUrl())) {
            return Optional.empty();
        }
        List<ValueSet.ConceptSetComponent> sets = new ArrayList<>(valueSet.getCompose().getInclude());
        sets.addAll(valueSet.getCompose().getExclude());
        for (ValueSet.ConceptSetComponent set : sets) {
            if (set.hasSystem() && !set.hasConcept()) {
                if (set.hasFilter()) {
                    return Optional.of("a filtered part of code system " + set.getSystem());
                }
                if (snapshot.codeSystem(set.getSystem()).isEmpty()) {
                    return Optional.of("all of code system " + set.getSystem() + ", which is not held here");
                }
            }
            for (var nested : set.getValueSet()) {
                Optional<ValueSet> other = snapshot.valueSet(nested.getValue());
                if (other.isEmpty()) {
                    return Optional.of("value set " + nested.getValue() + ", which is not held here");
                }
                Optional<String> reason = notExpandableHere(snapshot, other.get(), visited);
                if (reason.isPresent()) {
                    return reason;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> knownDisplay(TerminologySnapshot snapshot, String system, String code) {
        return snapshot.lookup(system, code).map(TerminologySnapshot.Concept::display)
                .or(() -> Optional.ofNullable(bundledConcepts(indexes(snapshot)).get(new SystemCode(system, code)))
                        .map(Declared::display));
    }

    private static Parameters lookupAnswer(CodeSystem codeSystem, CodeSystem.ConceptDefinitionComponent concept) {
        Parameters out = new Parameters();
        String name = codeSystem.hasName() ? codeSystem.getName()
                : codeSystem.hasTitle() ? codeSystem.getTitle() : codeSystem.getUrl();
        out.addParameter().setName("name").setValue(new StringType(name));
        if (codeSystem.hasVersion()) {
            out.addParameter().setName("version").setValue(new StringType(codeSystem.getVersion()));
        }
        out.addParameter().setName("display").setValue(new StringType(
                concept.hasDisplay() ? concept.getDisplay() : concept.getCode()));
        for (CodeSystem.ConceptDefinitionDesignationComponent designation : concept.getDesignation()) {
            ParametersParameterComponent part = out.addParameter().setName("designation");
            if (designation.hasLanguage()) {
                part.addPart().setName("language").setValue(new CodeType(designation.getLanguage()));
            }
            if (designation.hasUse()) {
                part.addPart().setName("use").setValue(designation.getUse().copy());
            }
            part.addPart().setName("value").setValue(new StringType(designation.getValue()));
        }
        for (CodeSystem.ConceptPropertyComponent property : concept.getProperty()) {
            ParametersParameterComponent part = out.addParameter().setName("property");
            part.addPart().setName("code").setValue(new CodeType(property.getCode()));
            if (property.hasValue()) {
                part.addPart().setName("value").setValue(property.getValue().copy());
            }
        }
        return out;
    }

    private static Optional<CodeSystem.ConceptDefinitionComponent> find(
            List<CodeSystem.ConceptDefinitionComponent> concepts, String code) {
        for (CodeSystem.ConceptDefinitionComponent concept : concepts) {
            if (code.equals(concept.getCode())) {
                return Optional.of(concept);
            }
            Optional<CodeSystem.ConceptDefinitionComponent> nested = find(concept.getConcept(), code);
            if (nested.isPresent()) {
                return nested;
            }
        }
        return Optional.empty();
    }

    private static boolean isUnconfirmed(List<Extension> extensions) {
        return extensions.stream().anyMatch(extension ->
                ValueSets.UNCONFIRMED_EXTENSION.equals(extension.getUrl())
                        && extension.getValue() instanceof BooleanType flag && flag.booleanValue());
    }

    private static String systemName(String system) {
        return switch (system) {
            case CodeSystems.LOINC -> "LOINC";
            case CodeSystems.SNOMED_CT -> "SNOMED CT";
            case CodeSystems.ICD_10_CM -> "ICD-10-CM";
            default -> system;
        };
    }

    private static TerminologyException.NotFound notHeld(String valueSetUrl) {
        return new TerminologyException.NotFound("The value set " + valueSetUrl + " is not held here and "
                + NO_REMOTE);
    }

    private static TerminologyException notExpandable(String valueSetUrl, String reason) {
        return new TerminologyException.BadRequest("The value set " + valueSetUrl + " includes " + reason
                + "; Vouch cannot expand it itself and " + NO_REMOTE);
    }

    private static void require(String value, String parameter) {
        if (value == null || value.isBlank()) {
            throw new TerminologyException.BadRequest("The parameter '" + parameter + "' is required");
        }
    }
}
