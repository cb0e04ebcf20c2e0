package dev.vouch.terminology.admin;

/**
 * Text from a request made safe to repeat in a message or to record as an author: control and formatting characters
 * removed, at most 64 characters kept.
 */
final class Printable {

    static final int MAX_LENGTH = 64;

    private Printable() {
    }

    /** The printable part of a value, stripped and cut to {@value #MAX_LENGTH} code points; empty for null. */
    static String of(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder kept = new StringBuilder();
        value.codePoints()
                .filter(c -> !Character.isISOControl(c))
                .filter(c -> switch (Character.getType(c)) {
                    case Character.FORMAT, Character.UNASSIGNED, Character.LINE_SEPARATOR,
                         Character.PARAGRAPH_SEPARATOR, Character.SURROGATE, Character.PRIVATE_USE -> false;
                    default -> true;
                })
                .forEach(kept::appendCodePoint);
        String stripped = kept.toString().strip();
        return stripped.codePointCount(0, stripped.length()) <= MAX_LENGTH
                ? stripped
                : stripped.substring(0, stripped.offsetByCodePoints(0, MAX_LENGTH));
    }
}
