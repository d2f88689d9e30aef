package dev.varsent.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    private final Tokenizer tokenizer = new Tokenizer(TokenizerSettings.DEFAULT);

    private List<String> tokens(String text) {
        return tokenizer.tokenize(text);
    }

    @Test
    void splitsOnWhitespaceOfAnyKind() {
        assertEquals(List.of("a", "fine", "film"), tokens("  a\tfine\n\r film \u2003"));
        assertEquals(List.of(), tokens(""));
        assertEquals(List.of(), tokens(" \n\t "));
    }

    @Test
    void everyPunctuationCodePointIsItsOwnToken() {
        assertEquals(List.of("good", "!", "!"), tokens("good!!"));
        assertEquals(List.of("(", "great", ")"), tokens("(great)"));
        assertEquals(
                List.of("well", "-", "made", ",", "not", ".", ".", "."),
                tokens("well-made,not..."));
        assertEquals(
                List.of("$", "5", "\u2014", "ok", "\"", "?", "\u00BF"),
                tokens("$5\u2014ok\"?\u00BF"));
        // NFKC turns the ellipsis character into three full stops.
        assertEquals(List.of("so", ".", ".", "."), tokens("so\u2026"));
        assertEquals(
                List.of("loved", "it", "\uD83D\uDE00", "\uD83D\uDE00"),
                tokens("loved it\uD83D\uDE00\uD83D\uDE00"));
    }

    @Test
    void keepsDigitsWithLetters() {
        assertEquals(
                List.of("3d", "in", "1999", "was", "mp3", "-", "ish"),
                tokens("3D in 1999 was mp3-ish"));
        assertEquals(List.of("3", ".", "5", "/", "4"), tokens("3.5/4"));
    }

    @Test
    void keepsApostrophesOnlyBetweenLettersOrDigits() {
        assertEquals(
                List.of("don't", "stop", ",", "it's", "fine"), tokens("Don't stop, it's fine"));
        assertEquals(List.of("the", "critics", "'", "choice"), tokens("the critics' choice"));
        assertEquals(List.of("'", "90s", "rock'n'roll"), tokens("'90s rock'n'roll"));
        assertEquals(List.of("'", "quoted", "'"), tokens("'quoted'"));
        assertEquals(List.of("don", "'", "'", "t"), tokens("don''t"));
        assertEquals(List.of("'"), tokens("'"));
    }

    @Test
    void typographicApostropheIsTheAsciiOne() {
        assertEquals(List.of("don't", "won't"), tokens("don\u2019t won\u02BCt"));
        assertEquals(List.of("critics", "'"), tokens("critics\u2019"));
    }

    @Test
    void removesHtmlTagsAsSpaces() {
        assertEquals(
                List.of("great", "fun", "a", "must", "see"),
                tokens("great<br />fun<br>a <b>must</b> <a href=\"x\">see</a>"));
        assertEquals(List.of("before", "after"), tokens("before<!-- a comment -->after"));
        assertEquals(List.of("one", "two"), tokens("one<BR/>two"));
    }

    @Test
    void keepsLessThanSignsThatAreNotTags() {
        assertEquals(List.of("i", "<", "3", "it"), tokens("i <3 it"));
        assertEquals(List.of("a", "<", "b"), tokens("a < b"));
        assertEquals(List.of("<", "unclosed", "tag"), tokens("<unclosed tag"));
    }

    @Test
    void decodesEntities() {
        assertEquals(List.of("rock", "&", "roll"), tokens("rock &amp; roll"));
        assertEquals(
                List.of("<", "b", ">", "shown", "<", "/", "b", ">"),
                tokens("&lt;b&gt;shown&lt;/b&gt;"));
        assertEquals(
                List.of("\"", "wow", "\"", "it's", "a", "b"),
                tokens("&quot;wow&quot; it&#39;s a&nbsp;b"));
        assertEquals(List.of("ab", "it's"), tokens("&#65;&#x42; it&apos;s"));
        assertEquals(List.of("&", "bogus", ";", "&", "amp"), tokens("&bogus; &amp"));
        assertEquals(
                List.of("at", "&", "t", "rocks", "&", "rolls", ";"), tokens("AT&T rocks & rolls;"));
        assertEquals(List.of("\uD83D\uDE00", "\uD83D\uDE00"), tokens("&#x1F600;&#128512;"));
    }

    @Test
    void staysLinearOnUnclosedMarkup() {
        // Both would rescan to the end of the text for every '&' or '<' if the searches were
        // unbounded.
        assertEquals(200_000, tokens("&".repeat(200_000)).size());
        assertEquals(200_000, tokens("<a".repeat(100_000)).size());
    }

    @Test
    void leavesMarkupAloneWhenStrippingIsOff() {
        Tokenizer raw = new Tokenizer(new TokenizerSettings(true, true, false));
        assertEquals(
                List.of("a", "<", "br", "/", ">", "b", "&", "amp", ";"),
                raw.tokenize("a<br/>b&amp;"));
    }

    @Test
    void appliesNfkc() {
        assertEquals(List.of("good", "!"), tokens("\uFF27\uFF4F\uFF4F\uFF44\uFF01"));
        assertEquals(List.of("film", "fine"), tokens("\uFB01lm \uFB01ne"));
        assertEquals(List.of("2nd", "x2"), tokens("2\u207F\u1D48 x\u00B2"));
        // Decomposed e + combining acute becomes the single precomposed character.
        assertEquals(List.of("caf\u00E9"), tokens("cafe\u0301"));
    }

    @Test
    void withoutNfkcCombiningMarksStayInTheWord() {
        Tokenizer noNfkc = new Tokenizer(new TokenizerSettings(true, false, true));
        assertEquals(List.of("cafe\u0301", "!"), noNfkc.tokenize("cafe\u0301!"));
        assertEquals(List.of("\uFB01lm"), noNfkc.tokenize("\uFB01lm"));
        assertEquals(List.of("a", "b"), noNfkc.tokenize("a\u00A0b"));
    }

    @Test
    void dropsStrayMarksAndInvisibleFormatCharacters() {
        assertEquals(List.of("!", "ab"), tokens("!\u0301 a\u00ADb"));
        assertEquals(List.of("bom"), tokens("\uFEFFbom"));
    }

    @Test
    void lowerCasesWithRootLocaleWhateverTheDefault() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr"));
            assertEquals(List.of("title", "it"), tokens("TITLE IT"));
        } finally {
            Locale.setDefault(saved);
        }
        Tokenizer caseKept = new Tokenizer(new TokenizerSettings(false, true, true));
        assertEquals(List.of("Great", "Film"), caseKept.tokenize("Great Film"));
    }

    @Test
    void handlesUnicodeWords() {
        assertEquals(
                List.of("d\u00E9j\u00E0", "vu", "\u00FCber", "gro\u00DFartig"),
                tokens("D\u00E9j\u00E0 vu, \u00DCber gro\u00DFartig!").stream()
                        .filter(t -> !t.equals(",") && !t.equals("!"))
                        .toList());
        assertEquals(
                List.of(
                        "\u043E\u0442\u043B\u0438\u0447\u043D\u044B\u0439",
                        "\u0444\u0438\u043B\u044C\u043C",
                        "!"),
                tokens(
                        "\u041E\u0442\u043B\u0438\u0447\u043D\u044B\u0439 \u0444\u0438\u043B\u044C\u043C!"));
        // CJK ideographs and kana are letters, so a run of them is one word; CJK punctuation
        // splits.
        assertEquals(
                List.of("\u5F88\u597D\u770B", "\u3002", "\u6620\u753B"),
                tokens("\u5F88\u597D\u770B\u3002\u6620\u753B"));
        // A supplementary-plane ideograph stays whole.
        assertEquals(List.of("a\uD840\uDC0Bb"), tokens("A\uD840\uDC0Bb"));
        // Devanagari vowel signs are combining marks and belong to their word.
        assertEquals(
                List.of("\u0939\u093F\u0902\u0926\u0940"),
                tokens("\u0939\u093F\u0902\u0926\u0940"));
    }

    @Test
    void tokenizesTheCorpusFormatUnchanged() {
        String line =
                "this bit of lame physical humor is typical of disney's meet the deedles , a movie .";
        assertEquals(List.of(line.split(" ")), tokens(line));
    }

    @Test
    void isDeterministicAcrossCallsInstancesAndThreads() throws Exception {
        String text =
                "Caf\u00E9 <br />\u201CIt\u2019s GREAT!!\u201D &amp; 3D \uFB01lm\u2026 \u4E2D\u6587";
        List<String> expected =
                List.of(
                        "caf\u00E9",
                        "\u201C",
                        "it's",
                        "great",
                        "!",
                        "!",
                        "\u201D",
                        "&",
                        "3d",
                        "film",
                        ".",
                        ".",
                        ".",
                        "\u4E2D\u6587");
        assertEquals(expected, tokens(text));
        assertEquals(expected, new Tokenizer(TokenizerSettings.DEFAULT).tokenize(text));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<String>>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> tokenizer.tokenize(text)));
            }
            for (Future<List<String>> result : results) {
                assertEquals(expected, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void returnsAFreshListEachCall() {
        List<String> first = tokens("a b");
        first.add("c");
        assertEquals(List.of("a", "b"), tokens("a b"));
        assertNotSame(first, tokens("a b"));
    }

    @Test
    void settingsRoundTripThroughJson() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        TokenizerSettings settings = new TokenizerSettings(true, false, true);
        String json = mapper.writeValueAsString(settings);
        assertEquals("{\"lowerCase\":true,\"nfkc\":false,\"stripHtml\":true}", json);
        assertEquals(settings, mapper.readValue(json, TokenizerSettings.class));
        assertEquals(TokenizerSettings.DEFAULT, new TokenizerSettings(true, true, true));
    }
}
