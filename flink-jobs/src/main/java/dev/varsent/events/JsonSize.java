package dev.varsent.events;

/**
 * The size of a string once Jackson has written it as a JSON string value (UTF-8, without the
 * quotes): printable ASCII 1 byte, {@code "} {@code \} and {@code \n \t \r \b \f} 2, other control
 * characters 6 ({@code \u0001}), other characters their UTF-8 length, except that every surrogate,
 * paired or not, is written as a 6-byte {@code \uD83D} escape. So no string grows beyond 6 bytes
 * per UTF-16 char or per UTF-8 byte, the factor the record bounds ({@link RecordBounds}) assume.
 * {@code JsonSizeTest} checks the rule against Jackson itself.
 */
public final class JsonSize {

    /** The worst growth of a string in JSON: one byte (or char) becomes at most this many bytes. */
    public static final int MAX_ESCAPE_FACTOR = 6;

    private JsonSize() {}

    /** Bytes {@code s} takes as a JSON string value, without its two quotes. */
    public static long escapedLength(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            bytes += escapedLength(s.charAt(i));
        }
        return bytes;
    }

    /**
     * The longest prefix of {@code s} that takes at most {@code maxBytes} as a JSON string value;
     * never splits a surrogate pair.
     */
    public static String prefixWithin(String s, long maxBytes) {
        long bytes = 0;
        int end = 0;
        while (end < s.length()) {
            char c = s.charAt(end);
            int step =
                    Character.isHighSurrogate(c)
                                    && end + 1 < s.length()
                                    && Character.isLowSurrogate(s.charAt(end + 1))
                            ? 2
                            : 1;
            long cost = escapedLength(c) + (step == 2 ? escapedLength(s.charAt(end + 1)) : 0);
            if (bytes + cost > maxBytes) {
                break;
            }
            bytes += cost;
            end += step;
        }
        return end == s.length() ? s : s.substring(0, end);
    }

    private static int escapedLength(char c) {
        if (c < 0x20) {
            return c == '\n' || c == '\t' || c == '\r' || c == '\b' || c == '\f' ? 2 : 6;
        }
        if (c == '"' || c == '\\') {
            return 2;
        }
        if (c < 0x80) {
            return 1;
        }
        if (c < 0x800) {
            return 2;
        }
        return Character.isSurrogate(c) ? 6 : 3;
    }
}
