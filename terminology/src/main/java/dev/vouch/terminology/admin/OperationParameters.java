package dev.vouch.terminology.admin;

import dev.vouch.terminology.store.TerminologyException;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.springframework.util.MultiValueMap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of one FHIR operation call, from the query string and, when POSTed, a Parameters resource. Each
 * parameter may be given once; a name the operation does not take is refused, so a misspelt {@code filter} is an
 * error rather than a silently unfiltered answer.
 */
final class OperationParameters {

    private final String operation;
    private final List<String> accepted;
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, Coding> codings = new HashMap<>();

    private OperationParameters(String operation, List<String> accepted) {
        this.operation = operation;
        this.accepted = accepted;
    }

    static OperationParameters of(String operation, List<String> accepted, MultiValueMap<String, String> query,
                                  Optional<Parameters> body) {
        OperationParameters parameters = new OperationParameters(operation, accepted);
        query.forEach((name, given) -> given.forEach(value -> parameters.put(name, value)));
        body.ifPresent(resource -> resource.getParameter().forEach(parameter -> {
            if (parameter.hasResource() || parameter.hasPart()) {
                throw new TerminologyException.BadRequest("Parameter '" + Printable.of(parameter.getName())
                        + "' of " + operation + " must be a simple value or a Coding; inline resources and parts "
                        + "are not taken (name a value set by its 'url')");
            }
            switch (parameter.getValue()) {
                case Coding coding -> parameters.putCoding(parameter.getName(), coding);
                case PrimitiveType<?> primitive -> parameters.put(parameter.getName(), primitive.getValueAsString());
                case null -> throw new TerminologyException.BadRequest("Parameter '"
                        + Printable.of(parameter.getName()) + "' of " + operation + " has no value");
                default -> throw new TerminologyException.BadRequest("Parameter '"
                        + Printable.of(parameter.getName()) + "' of " + operation
                        + " must be a simple value or a Coding, not a " + parameter.getValue().fhirType());
            }
        }));
        return parameters;
    }

    Optional<String> text(String name) {
        return Optional.ofNullable(values.get(name)).filter(value -> !value.isBlank());
    }

    String required(String name, String what) {
        return text(name).orElseThrow(() -> new TerminologyException.BadRequest("Parameter '" + name
                + "' is required for " + operation + ": " + what));
    }

    /** A whole number of at least zero, or the default when the parameter is absent. */
    int nonNegative(String name, int absent) {
        Optional<String> given = text(name);
        if (given.isEmpty()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(given.get().strip());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Refused below with the same message as a negative number.
        }
        throw new TerminologyException.BadRequest("Parameter '" + name + "' of " + operation
                + " must be a whole number of at least 0, not '" + Printable.of(given.get()) + "'");
    }

    /** A value given directly, else the same element of the Coding parameter {@code coding}. */
    Optional<String> textOrCoding(String name) {
        Optional<String> direct = text(name);
        if (direct.isPresent()) {
            return direct;
        }
        Coding coding = codings.get("coding");
        if (coding == null) {
            return Optional.empty();
        }
        String fromCoding = switch (name) {
            case "system" -> coding.getSystem();
            case "code" -> coding.getCode();
            case "display" -> coding.getDisplay();
            default -> null;
        };
        return Optional.ofNullable(fromCoding).filter(value -> !value.isBlank());
    }

    private void put(String name, String value) {
        requireAccepted(name);
        if (values.putIfAbsent(name, value) != null || codings.containsKey(name)) {
            throw new TerminologyException.BadRequest("Parameter '" + name + "' of " + operation
                    + " is given more than once; give it once");
        }
    }

    private void putCoding(String name, Coding coding) {
        requireAccepted(name);
        if (!"coding".equals(name)) {
            throw new TerminologyException.BadRequest("Parameter '" + name + "' of " + operation
                    + " takes a simple value, not a Coding");
        }
        if (codings.putIfAbsent(name, coding) != null) {
            throw new TerminologyException.BadRequest("Parameter 'coding' of " + operation
                    + " is given more than once; give it once");
        }
    }

    private void requireAccepted(String name) {
        if (!accepted.contains(name)) {
            throw new TerminologyException.BadRequest("Unknown parameter '" + Printable.of(name) + "' for "
                    + operation + "; it takes " + String.join(", ", accepted));
        }
    }
}
