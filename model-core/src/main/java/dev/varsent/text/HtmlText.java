package dev.varsent.text;

/**
 * Removes HTML tags and decodes character entities, in one pass. A tag is {@code <} followed by a
 * letter, {@code /}, {@code !} or {@code ?}, up to the next {@code >}; it becomes a single space so
 * the words on either side stay apart. Any other {@code <} (as in {@code <3} or {@code a < b}) is
 * text. Entities decode after tag detection, so an escaped {@code &lt;b&gt;} stays visible text.
 */
final class HtmlText {

    private static final int LONGEST_ENTITY = 10; // "&#x10FFFF;"

    private HtmlText() {}

    static String strip(String s) {
        if (s.indexOf('<') < 0 && s.indexOf('&') < 0) {
            return s;
        }
        int n = s.length();
        StringBuilder out = new StringBuilder(n);
        // Index of the next '>' at or after the current position; cached so a text full of
        // unclosed '<' stays linear.
        int nextGt = -1;
        boolean noMoreGt = false;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '<' && !noMoreGt && i + 1 < n && startsTag(s.charAt(i + 1))) {
                if (nextGt <= i) {
                    nextGt = s.indexOf('>', i + 1);
                    noMoreGt = nextGt < 0;
                }
                if (!noMoreGt) {
                    out.append(' ');
                    i = nextGt + 1;
                    continue;
                }
            } else if (c == '&') {
                int semicolon = entityEnd(s, i);
                if (semicolon > i + 1) {
                    int decoded = decode(s, i + 1, semicolon);
                    if (decoded >= 0) {
                        out.appendCodePoint(decoded);
                        i = semicolon + 1;
                        continue;
                    }
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /**
     * The index of the ';' closing an entity that starts at {@code amp}, or -1; looks only as far
     * as an entity can reach.
     */
    private static int entityEnd(String s, int amp) {
        int limit = Math.min(s.length(), amp + LONGEST_ENTITY);
        for (int i = amp + 1; i < limit; i++) {
            char c = s.charAt(i);
            if (c == ';') {
                return i;
            }
            if (c == '&' || c == '<' || c <= ' ') {
                return -1;
            }
        }
        return -1;
    }

    private static boolean startsTag(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '!' || c == '?';
    }

    /** The code point of the entity named by s[from, to), or -1 if it is not one we decode. */
    private static int decode(String s, int from, int to) {
        if (s.charAt(from) == '#') {
            return decodeNumeric(s, from + 1, to);
        }
        String name = s.substring(from, to);
        if (name.equalsIgnoreCase("amp")) {
            return '&';
        } else if (name.equalsIgnoreCase("lt")) {
            return '<';
        } else if (name.equalsIgnoreCase("gt")) {
            return '>';
        } else if (name.equalsIgnoreCase("quot")) {
            return '"';
        } else if (name.equalsIgnoreCase("apos")) {
            return '\'';
        } else if (name.equalsIgnoreCase("nbsp")) {
            return '\u00A0';
        }
        return -1;
    }

    private static int decodeNumeric(String s, int from, int to) {
        int radix = 10;
        if (from < to && (s.charAt(from) == 'x' || s.charAt(from) == 'X')) {
            radix = 16;
            from++;
        }
        if (from >= to) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = Character.digit(s.charAt(i), radix);
            if (digit < 0 || s.charAt(i) > 0x7F) {
                return -1;
            }
            value = value * radix + digit;
            if (value > Character.MAX_CODE_POINT) {
                return -1;
            }
        }
        boolean usable =
                value > 0
                        && !(value >= Character.MIN_SURROGATE && value <= Character.MAX_SURROGATE);
        return usable ? value : -1;
    }
}
