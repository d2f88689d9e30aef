package dev.varsent.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Splits review text into word and punctuation tokens. Immutable and thread-safe; it runs on every
 * streaming record, so the split is a single hand-written pass over the text without regular
 * expressions.
 *
 * <p>Preparation, each step only when enabled in the {@link TokenizerSettings} and only when it can
 * change the text: HTML tags are removed and entities decoded ({@link HtmlText}), then NFKC
 * normalisation (skipped for pure ASCII, which NFKC leaves unchanged), then lower-casing with
 * {@link Locale#ROOT}.
 *
 * <p>Token rules:
 *
 * <ul>
 *   <li>A word is a run of letters and digits (any script, so {@code 3d}, {@code 1999}, {@code é},
 *       Cyrillic and CJK characters all belong to words), together with the combining marks that
 *       follow them. A combining mark with no word before it is dropped.
 *   <li>An apostrophe ({@code '}, or the typographic {@code ’} and {@code ʼ}, all written as {@code
 *       '}) stays inside a word only when a letter or digit is on both sides: {@code don't} is one
 *       token, {@code critics'} is {@code critics '}.
 *   <li>Every other visible code point (punctuation, symbols, emoji) is a token by itself: {@code
 *       good!!} gives {@code good ! !}.
 *   <li>White space and control characters separate tokens; invisible format characters (soft
 *       hyphen, zero-width joiner, byte order mark, ...) are dropped without splitting a word.
 * </ul>
 */
public final class Tokenizer {

    private static final byte SEPARATOR = 0;
    private static final byte WORD = 1;
    private static final byte APOSTROPHE = 2;
    private static final byte SYMBOL = 3;
    private static final byte MARK = 4;
    private static final byte IGNORED = 5;

    private static final byte[] ASCII_CLASS = new byte[128];
    private static final String[] ASCII_TOKEN = new String[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_CLASS[c] = classify(c);
            ASCII_TOKEN[c] = String.valueOf((char) c);
        }
    }

    private final TokenizerSettings settings;

    public Tokenizer(TokenizerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** A tokenizer with {@link TokenizerSettings#DEFAULT}. */
    public Tokenizer() {
        this(TokenizerSettings.DEFAULT);
    }

    public TokenizerSettings settings() {
        return settings;
    }

    /** The tokens of {@code text}, in order, as a new list owned by the caller. */
    public List<String> tokenize(String text) {
        String s = prepare(Objects.requireNonNull(text, "text"));
        int n = s.length();
        List<String> tokens = new ArrayList<>(Math.max(8, n / 5));
        StringBuilder word = new StringBuilder(24);
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            int cp;
            byte kind;
            if (c < 128) {
                cp = c;
                kind = ASCII_CLASS[c];
            } else {
                cp = s.codePointAt(i);
                kind = classify(cp);
            }
            int next = i + Character.charCount(cp);
            switch (kind) {
                case WORD -> word.appendCodePoint(cp);
                case MARK -> {
                    if (word.length() > 0) {
                        word.appendCodePoint(cp);
                    }
                }
                case APOSTROPHE -> {
                    if (word.length() > 0 && next < n && isWordChar(s.codePointAt(next))) {
                        word.append('\'');
                    } else {
                        flush(word, tokens);
                        tokens.add(ASCII_TOKEN['\'']);
                    }
                }
                case SYMBOL -> {
                    flush(word, tokens);
                    tokens.add(cp < 128 ? ASCII_TOKEN[cp] : Character.toString(cp));
                }
                case SEPARATOR -> flush(word, tokens);
                default -> {
                    // IGNORED: invisible format character, neither content nor a boundary.
                }
            }
            i = next;
        }
        flush(word, tokens);
        return tokens;
    }

    private String prepare(String text) {
        String s = text;
        if (settings.stripHtml()) {
            s = HtmlText.strip(s);
        }
        if (settings.nfkc() && !isAscii(s)) {
            s = Normalizer.normalize(s, Normalizer.Form.NFKC);
        }
        if (settings.lowerCase()) {
            s = s.toLowerCase(Locale.ROOT); // returns s itself when nothing changes
        }
        return s;
    }

    private static void flush(StringBuilder word, List<String> tokens) {
        if (word.length() > 0) {
            tokens.add(word.toString());
            word.setLength(0);
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWordChar(int cp) {
        return (cp < 128 ? ASCII_CLASS[cp] : classify(cp)) == WORD;
    }

    private static byte classify(int cp) {
        if (cp == '\'' || cp == '\u2019' || cp == '\u02BC') {
            return APOSTROPHE;
        }
        if (Character.isLetterOrDigit(cp)) {
            return WORD;
        }
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return SEPARATOR;
        }
        return switch (Character.getType(cp)) {
            case Character.LETTER_NUMBER, Character.OTHER_NUMBER -> WORD;
            case Character.NON_SPACING_MARK,
                    Character.COMBINING_SPACING_MARK,
                    Character.ENCLOSING_MARK ->
                    MARK;
            case Character.FORMAT -> IGNORED;
            case Character.CONTROL, Character.SURROGATE -> SEPARATOR;
            default -> SYMBOL;
        };
    }

    @Override
    public String toString() {
        return "Tokenizer" + settings;
    }
}
