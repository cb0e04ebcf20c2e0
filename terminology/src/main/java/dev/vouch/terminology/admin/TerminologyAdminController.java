package dev.vouch.terminology.admin;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.LenientErrorHandler;
import dev.vouch.terminology.ValueSets;
import dev.vouch.terminology.operations.TerminologyOperations;
import dev.vouch.terminology.service.TerminologyService;
import dev.vouch.terminology.store.StoredResource;
import dev.vouch.terminology.store.TerminologyException;
import dev.vouch.terminology.store.TerminologyRepository;
import dev.vouch.terminology.store.TerminologyResourceType;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.ValueSet;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The terminology admin API: create, read, update, search, history and retire of CodeSystem, ValueSet, ConceptMap and
 * Questionnaire resources; {@code $expand}, {@code $validate-code}, {@code $lookup} and {@code $translate}; import
 * and export of the whole configuration as a Bundle. FHIR JSON in and out; refusals are OperationOutcomes (see
 * {@link TerminologyAdminErrors}). Who may call it is decided by the application's security, which guards
 * {@code /admin/**}; every change is recorded with the caller's name.
 */
@RestController
@RequestMapping(TerminologyAdminController.BASE)
public class TerminologyAdminController {

    static final String BASE = "/admin/terminology";
    static final MediaType FHIR_JSON = new MediaType("application", "fhir+json", StandardCharsets.UTF_8);
    /** On a history entry's response: who made that version. */
    public static final String CHANGED_BY_EXTENSION = "https://vouch.dev/fhir/StructureDefinition/changed-by";
    /** On a history entry's response: the kind of change (create, update, retire, import, bundled). */
    public static final String CHANGE_EXTENSION = "https://vouch.dev/fhir/StructureDefinition/change";
    /** Names the person behind an admin call, recorded as the author of the change. */
    public static final String USER_HEADER = "X-Vouch-User";

    private static final int DEFAULT_PAGE_SIZE = 50;
    private static final int MAX_PAGE_SIZE = 1000;
    private static final int DEFAULT_EXPANSION_SIZE = 1000;
    private static final List<String> SEARCH_PARAMETERS = List.of("url", "name", "status", "_text", "_count",
            "_offset");
    private static final Set<String> STATUSES = Set.of("draft", "active", "retired", "unknown");
    private static final Set<Bundle.BundleType> IMPORTABLE = Set.of(Bundle.BundleType.BATCH,
            Bundle.BundleType.TRANSACTION, Bundle.BundleType.COLLECTION);
    private static final Pattern IF_MATCH = Pattern.compile("^(?:W/)?\"?(\\d{1,9})\"?$");
    private static final Pattern REQUEST_URL = Pattern.compile("^(?:.*/)?([A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})$");

    private final TerminologyService terminology;
    private final TerminologyOperations operations;
    private final ConfigurationValidator validator;
    private final FhirContext fhirContext;

    public TerminologyAdminController(TerminologyService terminology, TerminologyOperations operations,
                                      ConfigurationValidator validator, FhirContext fhirContext) {
        this.terminology = terminology;
        this.operations = operations;
        this.validator = validator;
        this.fhirContext = fhirContext;
    }

    // ---- Resources ------------------------------------------------------------------------------------------------

    @PostMapping("/{type}")
    public ResponseEntity<String> create(@PathVariable String type, @RequestBody(required = false) byte[] body,
                                         @RequestHeader(name = USER_HEADER, required = false) String user,
                                         Principal principal) {
        TerminologyResourceType resourceType = typeOf(type);
        Body parsed = body(body, resourceType.name());
        requireType(parsed.resource(), resourceType, "POST " + BASE + "/" + resourceType);
        requireValid(parsed.json(), "The " + resourceType);
        StoredResource stored = terminology.create(resourceType, parsed.resource(), author(principal, user));
        return versioned(HttpStatus.CREATED, stored)
                .location(URI.create(BASE + "/" + resourceType + "/" + stored.id() + "/_history/" + stored.version()))
                .body(encode(stored.resource()));
    }

    @GetMapping("/{type}/{id}")
    public ResponseEntity<String> read(@PathVariable String type, @PathVariable String id) {
        TerminologyResourceType resourceType = typeOf(type);
        refuseUnknownOperation(resourceType, id);
        validator.prepare();
        StoredResource stored = repository().read(resourceType, id)
                .orElseThrow(() -> notFound(resourceType, id));
        return versioned(HttpStatus.OK, stored).body(encode(stored.resource()));
    }

    /**
     * Stores a new version. The version the author edited comes from {@code If-Match} ({@code W/"3"}) or, failing
     * that, the body's {@code meta.versionId}; when it is no longer the current version the answer is 409. With
     * neither, the change is stored over whatever is current.
     */
    @PutMapping("/{type}/{id}")
    public ResponseEntity<String> update(@PathVariable String type, @PathVariable String id,
                                         @RequestBody(required = false) byte[] body,
                                         @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                         @RequestHeader(name = USER_HEADER, required = false) String user,
                                         Principal principal) {
        TerminologyResourceType resourceType = typeOf(type);
        refuseUnknownOperation(resourceType, id);
        Body parsed = body(body, resourceType.name());
        requireType(parsed.resource(), resourceType, "PUT " + BASE + "/" + resourceType + "/{id}");
        String bodyId = parsed.resource().getIdElement().getIdPart();
        if (bodyId != null && !bodyId.equals(id)) {
            throw new TerminologyException.BadRequest("The " + resourceType + " in the body has id '"
                    + Printable.of(bodyId) + "' but the path names " + resourceType + "/" + Printable.of(id)
                    + "; they must be the same (or leave the body's id out)");
        }
        OptionalInt expected = ifMatch != null ? expectedVersion(ifMatch) : versionIn(parsed.resource());
        requireValid(parsed.json(), "The " + resourceType);
        StoredResource stored = terminology.update(resourceType, id, parsed.resource(), expected,
                author(principal, user));
        return versioned(HttpStatus.OK, stored).body(encode(stored.resource()));
    }

    /** Retires the resource: a new version with status retired, still readable, no longer in effect. */
    @DeleteMapping("/{type}/{id}")
    public ResponseEntity<String> retire(@PathVariable String type, @PathVariable String id,
                                         @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                         @RequestHeader(name = USER_HEADER, required = false) String user,
                                         Principal principal) {
        TerminologyResourceType resourceType = typeOf(type);
        refuseUnknownOperation(resourceType, id);
        OptionalInt expected = ifMatch != null ? expectedVersion(ifMatch) : OptionalInt.empty();
        StoredResource stored = terminology.retire(resourceType, id, expected, author(principal, user));
        return versioned(HttpStatus.OK, stored).body(encode(stored.resource()));
    }

    /** Every version, newest first, each with who made it, when, and what kind of change it was. */
    @GetMapping("/{type}/{id}/_history")
    public ResponseEntity<String> history(@PathVariable String type, @PathVariable String id) {
        TerminologyResourceType resourceType = typeOf(type);
        validator.prepare();
        List<StoredResource> versions = repository().history(resourceType, id);
        if (versions.isEmpty()) {
            throw notFound(resourceType, id);
        }
        Bundle bundle = new Bundle().setType(Bundle.BundleType.HISTORY).setTotal(versions.size());
        for (StoredResource version : versions) {
            Bundle.BundleEntryComponent entry = bundle.addEntry()
                    .setFullUrl(fullUrl(resourceType, id))
                    .setResource(version.resource());
            boolean first = version.version() == 1;
            entry.getRequest()
                    .setMethod(first ? Bundle.HTTPVerb.POST : Bundle.HTTPVerb.PUT)
                    .setUrl(first ? resourceType.name() : resourceType + "/" + id);
            Bundle.BundleEntryResponseComponent response = entry.getResponse()
                    .setStatus(first ? "201 Created" : "200 OK")
                    .setEtag(etag(version.version()))
                    .setLastModified(Date.from(version.changedAt()));
            response.addExtension(CHANGED_BY_EXTENSION, new StringType(version.changedBy()));
            response.addExtension(CHANGE_EXTENSION, new CodeType(version.change()));
        }
        return fhir(HttpStatus.OK, bundle);
    }

    @GetMapping("/{type}/{id}/_history/{version}")
    public ResponseEntity<String> readVersion(@PathVariable String type, @PathVariable String id,
                                              @PathVariable String version) {
        TerminologyResourceType resourceType = typeOf(type);
        Optional<StoredResource> stored = parseVersion(version)
                .flatMap(number -> repository().readVersion(resourceType, id, number));
        if (stored.isEmpty()) {
            if (repository().read(resourceType, id).isEmpty()) {
                throw notFound(resourceType, id);
            }
            throw new TerminologyException.NotFound(resourceType + "/" + Printable.of(id) + " has no version '"
                    + Printable.of(version) + "'; GET " + BASE + "/" + resourceType + "/" + Printable.of(id)
                    + "/_history lists its versions");
        }
        return versioned(HttpStatus.OK, stored.get()).body(encode(stored.get().resource()));
    }

    /**
     * Current versions by {@code url} (exact), {@code name}, {@code status}, {@code _text} (name or title); paged by
     * {@code _count} (default 50, at most 1000) and {@code _offset}; {@code total} counts every match.
     */
    @GetMapping("/{type}")
    public ResponseEntity<String> search(@PathVariable String type,
                                         @RequestParam MultiValueMap<String, String> query) {
        TerminologyResourceType resourceType = typeOf(type);
        validator.prepare();
        OperationParameters parameters = OperationParameters.of("the " + resourceType + " search", SEARCH_PARAMETERS,
                query, Optional.empty());
        Optional<String> status = parameters.text("status");
        if (status.isPresent() && !STATUSES.contains(status.get())) {
            throw new TerminologyException.BadRequest("status must be one of draft, active, retired or unknown, not '"
                    + Printable.of(status.get()) + "'");
        }
        int count = Math.min(parameters.nonNegative("_count", DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
        int offset = parameters.nonNegative("_offset", 0);
        // Configurations hold hundreds of resources, not millions: counting all matches is cheap and gives a total.
        List<StoredResource> matches = repository().search(resourceType, new TerminologyRepository.SearchCriteria(
                parameters.text("url").orElse(null), parameters.text("name").orElse(null), status.orElse(null),
                parameters.text("_text").orElse(null), 0, 0));
        int end = (int) Math.min((long) offset + count, matches.size());
        List<StoredResource> page = matches.subList(Math.min(offset, end), end);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(matches.size());
        bundle.addLink().setRelation("self").setUrl(pageUrl(offset, count));
        if (end < matches.size() && count > 0) {
            bundle.addLink().setRelation("next").setUrl(pageUrl(offset + count, count));
        }
        if (offset > 0 && count > 0) {
            bundle.addLink().setRelation("previous").setUrl(pageUrl(Math.max(0, offset - count), count));
        }
        page.forEach(stored -> bundle.addEntry()
                .setFullUrl(fullUrl(resourceType, stored.id()))
                .setResource(stored.resource())
                .getSearch().setMode(Bundle.SearchEntryMode.MATCH));
        return fhir(HttpStatus.OK, bundle);
    }

    // ---- Operations -----------------------------------------------------------------------------------------------

    /** {@code ValueSet/$expand?url=&filter=&offset=&count=}: the codes of a value set, filtered and paged. */
    @RequestMapping(path = "/ValueSet/$expand", method = {RequestMethod.GET, RequestMethod.POST})
    public ResponseEntity<String> expand(@RequestParam MultiValueMap<String, String> query,
                                         @RequestBody(required = false) byte[] body) {
        OperationParameters parameters = parameters("$expand", List.of("url", "filter", "offset", "count"), query,
                body);
        String url = parameters.required("url", "the canonical URL of the value set, e.g. " + ValueSets.DEPRESSION);
        return expand(url, parameters);
    }

    /** {@code ValueSet/{id}/$expand?filter=&offset=&count=}: as above, for the value set stored under that id. */
    @RequestMapping(path = "/ValueSet/{id}/$expand", method = {RequestMethod.GET, RequestMethod.POST})
    public ResponseEntity<String> expandById(@PathVariable String id,
                                             @RequestParam MultiValueMap<String, String> query,
                                             @RequestBody(required = false) byte[] body) {
        OperationParameters parameters = parameters("$expand", List.of("filter", "offset", "count"), query, body);
        StoredResource stored = repository().read(TerminologyResourceType.ValueSet, id)
                .orElseThrow(() -> notFound(TerminologyResourceType.ValueSet, id));
        if (stored.url() == null) {
            throw new TerminologyException.Invalid("ValueSet/" + stored.id() + " has no url, and value sets are "
                    + "expanded by their canonical URL; give it a url first", List.of());
        }
        return expand(stored.url(), parameters);
    }

    private ResponseEntity<String> expand(String url, OperationParameters parameters) {
        ValueSet expansion = operations.expand(url, parameters.text("filter").orElse(null),
                parameters.nonNegative("offset", 0), parameters.nonNegative("count", DEFAULT_EXPANSION_SIZE));
        return fhir(HttpStatus.OK, expansion);
    }

    /** {@code ValueSet/$validate-code?url=&system=&code=&display=} (or a {@code coding}): is the code in the set? */
    @RequestMapping(path = "/ValueSet/$validate-code", method = {RequestMethod.GET, RequestMethod.POST})
    public ResponseEntity<String> validateCode(@RequestParam MultiValueMap<String, String> query,
                                               @RequestBody(required = false) byte[] body) {
        OperationParameters parameters = parameters("$validate-code",
                List.of("url", "system", "code", "display", "coding"), query, body);
        String url = parameters.required("url", "the canonical URL of the value set, e.g. " + ValueSets.DEPRESSION);
        String code = parameters.textOrCoding("code").orElseThrow(() -> missing("$validate-code", "code"));
        return fhir(HttpStatus.OK, operations.validateCode(url, parameters.textOrCoding("system").orElse(null), code,
                parameters.textOrCoding("display").orElse(null)));
    }

    /** {@code CodeSystem/$lookup?system=&code=} (or a {@code coding}): what a code means. */
    @RequestMapping(path = "/CodeSystem/$lookup", method = {RequestMethod.GET, RequestMethod.POST})
    public ResponseEntity<String> lookup(@RequestParam MultiValueMap<String, String> query,
                                         @RequestBody(required = false) byte[] body) {
        OperationParameters parameters = parameters("$lookup", List.of("system", "code", "coding"), query, body);
        String system = parameters.textOrCoding("system").orElseThrow(() -> missing("$lookup", "system"));
        String code = parameters.textOrCoding("code").orElseThrow(() -> missing("$lookup", "code"));
        return fhir(HttpStatus.OK, operations.lookup(system, code));
    }

    /**
     * {@code ConceptMap/$translate?url=&system=&code=&targetsystem=} (or a {@code coding}): the code's targets in the
     * active concept maps, or in the one named by {@code url}. {@code target} is taken as the target code system too.
     */
    @RequestMapping(path = "/ConceptMap/$translate", method = {RequestMethod.GET, RequestMethod.POST})
    public ResponseEntity<String> translate(@RequestParam MultiValueMap<String, String> query,
                                            @RequestBody(required = false) byte[] body) {
        OperationParameters parameters = parameters("$translate",
                List.of("url", "system", "code", "coding", "targetsystem", "target"), query, body);
        String system = parameters.textOrCoding("system").orElseThrow(() -> missing("$translate", "system"));
        String code = parameters.textOrCoding("code").orElseThrow(() -> missing("$translate", "code"));
        String target = parameters.text("targetsystem").or(() -> parameters.text("target")).orElse(null);
        return fhir(HttpStatus.OK, operations.translate(parameters.text("url").orElse(null), system, code, target));
    }

    // ---- The whole configuration ----------------------------------------------------------------------------------

    /**
     * Imports a Bundle (batch, transaction or collection) of terminology resources in one transaction: each entry is
     * stored as a new version of the resource with its id (or, failing that, its canonical URL), or created. Any
     * invalid entry refuses the whole Bundle with 422 and nothing is stored.
     */
    @PostMapping
    public ResponseEntity<String> importBundle(@RequestBody(required = false) byte[] body,
                                               @RequestHeader(name = USER_HEADER, required = false) String user,
                                               Principal principal) {
        Body parsed = body(body, "Bundle");
        if (!(parsed.resource() instanceof Bundle bundle)) {
            throw new TerminologyException.BadRequest("POST " + BASE + " imports a Bundle of terminology resources, "
                    + "but the body is a " + parsed.resource().fhirType() + "; to create one resource, POST it to "
                    + BASE + "/" + parsed.resource().fhirType());
        }
        if (!IMPORTABLE.contains(bundle.getType())) {
            throw new TerminologyException.BadRequest("Bundle.type must be batch, transaction or collection, not "
                    + (bundle.hasType() ? bundle.getType().toCode() : "missing"));
        }
        if (!bundle.hasEntry()) {
            throw new TerminologyException.BadRequest("The Bundle has no entries; nothing to import");
        }
        List<Resource> resources = new ArrayList<>();
        List<InvalidResourceException.Issue> issues = new ArrayList<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
            Resource resource = entry.getResource();
            String location = "Bundle.entry[" + i + "]";
            if (resource == null) {
                issues.add(new InvalidResourceException.Issue(false, location, null, null,
                        "The entry holds no resource"));
            } else if (TerminologyResourceType.of(resource.fhirType()).isEmpty()) {
                issues.add(new InvalidResourceException.Issue(false, location + ".resource", null, null,
                        "A " + resource.fhirType() + " is not terminology; import takes CodeSystem, ValueSet, "
                                + "ConceptMap and Questionnaire resources"));
            } else {
                resources.add(withIdFromRequest(entry, resource));
            }
        }
        if (!issues.isEmpty()) {
            throw new InvalidResourceException("The Bundle holds entries that cannot be imported; nothing was "
                    + "stored. Fix each issue listed and send the Bundle again", issues);
        }
        requireValid(parsed.json(), "The Bundle");
        List<StoredResource> stored = terminology.importAll(resources, author(principal, user));
        Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
        for (StoredResource each : stored) {
            response.addEntry().getResponse()
                    .setStatus(each.version() == 1 ? "201 Created" : "200 OK")
                    .setLocation(each.type() + "/" + each.id() + "/_history/" + each.version())
                    .setEtag(etag(each.version()))
                    .setLastModified(Date.from(each.changedAt()));
        }
        return fhir(HttpStatus.OK, response);
    }

    /**
     * The current version of every resource, retired ones included, as a collection Bundle in a stable order and
     * pretty-printed, so that a site can keep it under version control and import it again.
     */
    @GetMapping("/$export")
    public ResponseEntity<String> export() {
        validator.prepare();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        repository().currentAll().stream()
                .sorted(Comparator.comparing(StoredResource::type)
                        .thenComparing(stored -> stored.url() == null ? "" : stored.url())
                        .thenComparing(StoredResource::id))
                .forEach(stored -> bundle.addEntry()
                        .setFullUrl(fullUrl(stored.type(), stored.id()))
                        .setResource(stored.resource()));
        return ResponseEntity.ok().contentType(FHIR_JSON)
                .body(fhirContext.newJsonParser().setPrettyPrint(true).encodeResourceToString(bundle));
    }

    /** Anything else under the admin path: an OperationOutcome rather than the CDS endpoints' error format. */
    @RequestMapping("/**")
    public ResponseEntity<String> noSuchEndpoint(HttpServletRequest request) {
        String method = request.getMethod();
        if (!Set.of("GET", "POST", "PUT", "DELETE").contains(method)) {
            throw new MethodNotAllowed(Printable.of(method));
        }
        throw new TerminologyException.NotFound("No admin endpoint answers " + method + " here. The terminology admin "
                + "API is " + BASE + "/{CodeSystem|ValueSet|ConceptMap|Questionnaire}[/{id}[/_history[/{version}]]], "
                + BASE + "/ValueSet/$expand, /ValueSet/$validate-code, /CodeSystem/$lookup, /ConceptMap/$translate, "
                + "POST " + BASE + " (import a Bundle) and GET " + BASE + "/$export");
    }

    /** 405 for a method the admin API does not use. */
    static final class MethodNotAllowed extends RuntimeException {
        MethodNotAllowed(String method) {
            super("The admin API does not use " + method + "; it uses GET, POST, PUT and DELETE");
        }
    }

    // ---- Reading requests -----------------------------------------------------------------------------------------

    /** The body as sent, and parsed. */
    private record Body(String json, Resource resource) {
    }

    private Body body(byte[] raw, String expected) {
        String json = raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
        if (json.startsWith("\uFEFF")) {
            json = json.substring(1);
        }
        if (json.isBlank()) {
            throw new TerminologyException.BadRequest("The request body is empty; send a " + expected
                    + " as FHIR JSON (Content-Type: application/fhir+json)");
        }
        if (json.stripLeading().startsWith("<")) {
            throw new TerminologyException.BadRequest("The admin API reads FHIR JSON, not XML; send the " + expected
                    + " as JSON");
        }
        // Invalid values (a status of "published", a boolean of "yes") are kept as sent, for the validator to name.
        IBaseResource parsed = fhirContext.newJsonParser()
                .setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(false))
                .parseResource(json);
        return new Body(json, (Resource) parsed);
    }

    private static void requireType(Resource resource, TerminologyResourceType type, String endpoint) {
        if (!type.resourceClass().isInstance(resource)) {
            throw new TerminologyException.BadRequest("The body is a " + resource.fhirType() + ", but " + endpoint
                    + " takes a " + type);
        }
    }

    private void requireValid(String json, String what) {
        List<InvalidResourceException.Issue> errors = validator.errors(json);
        if (!errors.isEmpty()) {
            throw new InvalidResourceException(what + " is not valid FHIR R4 (" + errors.size()
                    + (errors.size() == 1 ? " error" : " errors") + "); nothing was stored. Fix each issue listed "
                    + "and send it again", errors);
        }
    }

    private OperationParameters parameters(String operation, List<String> accepted,
                                           MultiValueMap<String, String> query, byte[] body) {
        Optional<Parameters> posted = Optional.empty();
        if (body != null && !new String(body, StandardCharsets.UTF_8).isBlank()) {
            Resource resource = body(body, "Parameters").resource();
            if (!(resource instanceof Parameters parameters)) {
                throw new TerminologyException.BadRequest(operation + " takes a FHIR Parameters resource as its "
                        + "body (or its parameters in the query string), not a " + resource.fhirType());
            }
            posted = Optional.of(parameters);
        }
        return OperationParameters.of(operation, accepted, query, posted);
    }

    private static TerminologyException.BadRequest missing(String operation, String name) {
        return new TerminologyException.BadRequest("Parameter '" + name + "' is required for " + operation
                + " (on its own or in a 'coding')");
    }

    private static TerminologyResourceType typeOf(String type) {
        return TerminologyResourceType.of(type).orElseThrow(() -> new TerminologyException.NotFound("'"
                + Printable.of(type) + "' is not a resource type the admin API configures; it configures "
                + "CodeSystem, ValueSet, ConceptMap and Questionnaire"));
    }

    /** {@code GET ValueSet/$lookup} and the like would otherwise read as "no resource with id $lookup". */
    private static void refuseUnknownOperation(TerminologyResourceType type, String id) {
        if (id.startsWith("$")) {
            throw new TerminologyException.NotFound(type + " has no operation '" + Printable.of(id)
                    + "' here; the operations are ValueSet/$expand, ValueSet/$validate-code, CodeSystem/$lookup "
                    + "and ConceptMap/$translate");
        }
    }

    private static OptionalInt expectedVersion(String ifMatch) {
        if (ifMatch.strip().equals("*")) {
            return OptionalInt.empty();
        }
        Matcher matcher = IF_MATCH.matcher(ifMatch.strip());
        if (!matcher.matches()) {
            throw new TerminologyException.BadRequest("If-Match must be the ETag of the version you edited, such as "
                    + "W/\"3\", as sent by the read");
        }
        return OptionalInt.of(Integer.parseInt(matcher.group(1)));
    }

    private static OptionalInt versionIn(Resource resource) {
        if (!resource.getMeta().hasVersionId()) {
            return OptionalInt.empty();
        }
        return parseVersion(resource.getMeta().getVersionId()).map(OptionalInt::of).orElseThrow(() ->
                new TerminologyException.BadRequest("meta.versionId must be the version you edited, a number such "
                        + "as 3, not '" + Printable.of(resource.getMeta().getVersionId()) + "'"));
    }

    private static Optional<Integer> parseVersion(String version) {
        return version != null && version.matches("\\d{1,9}") ? Optional.of(Integer.parseInt(version))
                : Optional.empty();
    }

    /** A transaction entry without an id in its resource may name one in {@code request.url}, e.g. ValueSet/x. */
    private static Resource withIdFromRequest(Bundle.BundleEntryComponent entry, Resource resource) {
        if (resource.getIdElement().getIdPart() == null && entry.getRequest().hasUrl()) {
            Matcher matcher = REQUEST_URL.matcher(entry.getRequest().getUrl());
            if (matcher.matches() && matcher.group(1).equals(resource.fhirType())) {
                resource.setIdElement(new IdType(resource.fhirType(), matcher.group(2)));
            }
        }
        return resource;
    }

    /** The author of a change: the person named in {@value #USER_HEADER}, else the authenticated principal. */
    static String author(Principal principal, String user) {
        String named = Printable.of(user);
        if (!named.isEmpty()) {
            return named;
        }
        String principalName = principal == null ? "" : Printable.of(principal.getName());
        return principalName.isEmpty() ? "unknown" : principalName;
    }

    // ---- Writing answers ------------------------------------------------------------------------------------------

    private TerminologyRepository repository() {
        return terminology.repository();
    }

    private static TerminologyException.NotFound notFound(TerminologyResourceType type, String id) {
        return new TerminologyException.NotFound("No " + type + " with id '" + Printable.of(id) + "' is stored; GET "
                + BASE + "/" + type + " lists them");
    }

    private ResponseEntity.BodyBuilder versioned(HttpStatus status, StoredResource stored) {
        return ResponseEntity.status(status)
                .eTag(etag(stored.version()))
                .lastModified(stored.changedAt())
                .contentType(FHIR_JSON);
    }

    private ResponseEntity<String> fhir(HttpStatus status, Resource resource) {
        return ResponseEntity.status(status).contentType(FHIR_JSON).body(encode(resource));
    }

    private String encode(Resource resource) {
        return fhirContext.newJsonParser().encodeResourceToString(resource);
    }

    private static String etag(int version) {
        return "W/\"" + version + "\"";
    }

    private static String fullUrl(TerminologyResourceType type, String id) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(BASE).pathSegment(type.name(), id)
                .toUriString();
    }

    private static String pageUrl(int offset, int count) {
        return ServletUriComponentsBuilder.fromCurrentRequest()
                .replaceQueryParam("_offset", offset)
                .replaceQueryParam("_count", count)
                .build().toUriString();
    }
}
