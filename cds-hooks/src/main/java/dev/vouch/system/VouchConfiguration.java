package dev.vouch.system;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.LenientErrorHandler;
import dev.vouch.fhir.instrument.InstrumentResponseReader;
import dev.vouch.fhir.record.FetchLimits;
import dev.vouch.fhir.record.FhirServerReader;
import dev.vouch.fhir.record.PatientRecordReader;
import dev.vouch.hooks.MentalHealthReviewService;
import dev.vouch.safety.ConditionSafetyRules;
import dev.vouch.safety.SafetyRules;
import dev.vouch.terminology.TerminologySource;
import dev.vouch.terminology.instrument.InstrumentCatalog;
import dev.vouch.terminology.questionnaire.QuestionnaireIndex;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Wires the plain-Java clinical core into the application. */
@Configuration(proxyBeanMethods = false)
public class VouchConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** One FhirContext for the whole application: it is expensive to build and thread-safe to share. */
    @Bean
    FhirContext fhirContext() {
        FhirContext context = FhirContext.forR4();
        // Parse problems are reported by the code that asked; the parser must not log resource content.
        context.setParserErrorHandler(new LenientErrorHandler(false));
        return context;
    }

    /** The bundled instruments; the terminology service builds its snapshots on them. */
    @Bean
    InstrumentCatalog instrumentCatalog() {
        return InstrumentCatalog.bundled();
    }

    /** The bundled forms; the terminology service adds the registered ones to them in each snapshot. */
    @Bean
    QuestionnaireIndex questionnaireIndex(FhirContext fhirContext) {
        return QuestionnaireIndex.bundled(fhirContext);
    }

    @Bean
    InstrumentResponseReader instrumentResponseReader() {
        return new InstrumentResponseReader();
    }

    @Bean
    PatientRecordReader patientRecordReader(FhirContext fhirContext, VouchProperties properties) {
        VouchProperties.Fhir fhir = properties.fhir();
        return new PatientRecordReader(new FhirServerReader(fhirContext,
                new FetchLimits(fhir.maxPages(), fhir.maxResources(), fhir.timeout())));
    }

    /** The terminology comes from the terminology service: one in-memory snapshot per call, swapped on change. */
    @Bean
    MentalHealthReviewService mentalHealthReviewService(TerminologySource terminology, InstrumentResponseReader reader,
                                                        VouchProperties properties, Clock clock) {
        return new MentalHealthReviewService(terminology, reader, new SafetyRules(properties.safety().lookback()),
                new ConditionSafetyRules(), clock);
    }
}
