package dev.vouch.fhir.record;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CDS Hooks prefetch template: a key and a FHIR query with {@code {{...}}} tokens.
 */
public record PrefetchTemplate(String key, String query) {

    private static final Pattern TOKEN = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_.]*)\\s*}}");

    /**
     * The query with its tokens replaced, or empty when a token has no value in this call
     * (for example {@code userPractitionerId} when the user is not a practitioner).
     */
    public Optional<String> resolve(Map<String, String> tokenValues) {
        Matcher matcher = TOKEN.matcher(query);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String value = tokenValues.get(matcher.group(1));
            if (value == null || value.isBlank()) {
                return Optional.empty();
            }
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(
                    java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)));
        }
        matcher.appendTail(resolved);
        return Optional.of(resolved.toString());
    }
}
