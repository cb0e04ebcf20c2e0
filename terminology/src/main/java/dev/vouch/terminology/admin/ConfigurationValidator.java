package dev.vouch.terminology.admin;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.utilities.i18n.I18nConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Checks FHIR JSON against the R4 specification before it enters the terminology configuration: structure, types,
 * cardinality, invariants and required bindings to FHIR's own value sets.
 * <p>
 * No terminology server or implementation guide is consulted, so an issue that only says a code system, value set or
 * profile is unknown here, or that a code of LOINC, SNOMED CT or ICD could not be checked, is not held against the
 * resource: the admin could not fix it.
 * <p>
 * The validator holds the whole R4 specification in memory (about 200 MB, seconds to load), so it is not built at
 * startup, where the hook path, which never needs it, would pay for it: the admin API's reads start loading it in the
 * background ({@link #prepare()}), since an admin reads before editing, and the first write waits for it otherwise.
 */
@Component
public class ConfigurationValidator {

    private static final Logger log = LoggerFactory.getLogger(ConfigurationValidator.class);

    private static final List<String> EXTERNAL_SYSTEMS = List.of("http://loinc.org", "http://snomed.info/sct",
            "http://hl7.org/fhir/sid/icd-", "http://id.who.int/icd");

    /** Issues that say a definition is not held here: offline, no terminology server or IG can be consulted. */
    private static final Set<String> UNKNOWN_HERE = Set.of(
            I18nConstants.TERMINOLOGY_TX_SYSTEM_UNKNOWN, I18nConstants.TERMINOLOGY_TX_SYSTEM_UNSUPPORTED,
            I18nConstants.TERMINOLOGY_TX_SYSTEM_NOT_USABLE, I18nConstants.TERMINOLOGY_TX_VALUESET_NOTFOUND,
            I18nConstants.TERMINOLOGY_TX_VALUESET_NOTFOUND_CS, I18nConstants.UNKNOWN_CODESYSTEM,
            I18nConstants.UNKNOWN_CODESYSTEM_VERSION, I18nConstants.UNKNOWN_CODESYSTEM_VERSION_NONE,
            I18nConstants.UNKNOWN_CODESYSTEM_EXP, I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN);

    /**
     * Bundle rules about how entries are addressed ({@code fullUrl}; bdl-3, {@code request} exactly in batches and
     * transactions). An import stores each entry's resource by its id or canonical URL and reads neither, so a
     * collection without fullUrls, or a transaction without requests, means the same and is accepted.
     */
    private static final Set<String> IMPORT_BOOKKEEPING = Set.of(I18nConstants.BUNDLE_BUNDLE_ENTRY_FULLURL_REQUIRED,
            "http://hl7.org/fhir/StructureDefinition/Bundle#bdl-3");

    private final FhirContext fhirContext;
    private final ReentrantLock building = new ReentrantLock();
    private final AtomicBoolean loading = new AtomicBoolean();
    private volatile FhirValidator validator;

    public ConfigurationValidator(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    /** Starts loading the validator in the background, unless it is loaded or loading. */
    public void prepare() {
        if (validator == null && loading.compareAndSet(false, true)) {
            // A platform thread: loading reads thousands of classes and resources from the application jar, and a
            // virtual thread doing so can pin both carriers of a 2-core machine and stall every request.
            Thread.ofPlatform().daemon().name("fhir-validator-loader").start(() -> {
                try {
                    validator();
                } catch (RuntimeException e) {
                    // The next write loads it again and reports the failure to its caller.
                    log.warn("Loading the FHIR R4 validator in the background failed: {}", e.getClass().getName());
                    loading.set(false);
                }
            });
        }
    }

    /** The reasons a FHIR JSON document may not be stored; empty when it may. */
    public List<InvalidResourceException.Issue> errors(String json) {
        return validator().validateWithResult(json).getMessages().stream()
                .filter(ConfigurationValidator::isError)
                .filter(message -> !cannotBeCheckedOffline(message))
                .filter(message -> !IMPORT_BOOKKEEPING.contains(String.valueOf(message.getMessageId())))
                .map(message -> new InvalidResourceException.Issue(
                        message.getSeverity() == ResultSeverityEnum.FATAL,
                        message.getLocationString(), message.getLocationLine(), message.getLocationCol(),
                        message.getMessage()))
                .toList();
    }

    private static boolean isError(SingleValidationMessage message) {
        return message.getSeverity() == ResultSeverityEnum.ERROR || message.getSeverity() == ResultSeverityEnum.FATAL;
    }

    /**
     * An issue that only says a code system, value set or profile is unknown here, or that a code of an external
     * terminology could not be looked up: not a fault of the resource, and nothing the admin could fix.
     */
    private static boolean cannotBeCheckedOffline(SingleValidationMessage message) {
        String id = String.valueOf(message.getMessageId());
        if (UNKNOWN_HERE.contains(id)) {
            return true;
        }
        String text = String.valueOf(message.getMessage());
        String lower = text.toLowerCase(Locale.ROOT);
        boolean aboutTerminology = id.toUpperCase(Locale.ROOT).startsWith("TERMINOLOGY")
                || lower.contains("codesystem") || lower.contains("valueset")
                || lower.contains("code system") || lower.contains("value set");
        return aboutTerminology && EXTERNAL_SYSTEMS.stream().anyMatch(text::contains);
    }

    private FhirValidator validator() {
        FhirValidator ready = validator;
        if (ready != null) {
            return ready;
        }
        building.lock();
        try {
            if (validator == null) {
                long started = System.nanoTime();
                log.info("Loading the FHIR R4 validator for terminology changes");
                ValidationSupportChain support = new ValidationSupportChain(
                        new DefaultProfileValidationSupport(fhirContext),
                        new InMemoryTerminologyServerValidationSupport(fhirContext),
                        new CommonCodeSystemsTerminologyService(fhirContext),
                        new SnapshotGeneratingValidationSupport(fhirContext));
                FhirValidator built = fhirContext.newValidator();
                FhirInstanceValidator instanceValidator = new FhirInstanceValidator(support);
                // Profiles of implementation guides (SDC, US Core) are not held here: checked no further, not refused.
                instanceValidator.setErrorForUnknownProfiles(false);
                built.registerValidatorModule(instanceValidator);
                // The specification is read on first use: do it here, once, while other writers wait on the lock.
                built.validateWithResult(new ValueSet().setStatus(Enumerations.PublicationStatus.DRAFT));
                validator = built;
                log.info("FHIR R4 validator ready in {} ms", (System.nanoTime() - started) / 1_000_000);
            }
            return validator;
        } finally {
            building.unlock();
        }
    }
}
