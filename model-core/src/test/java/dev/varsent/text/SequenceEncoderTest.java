package dev.varsent.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceEncoderTest {

    private final Tokenizer tokenizer = new Tokenizer();
    // ids: <pad>=0 <s>=1 <unk>=2 a=3 b=4 c=5 d=6 e=7 !=8
    private final Vocabulary vocabulary =
            Vocabulary.fromWords(List.of("<pad>", "<s>", "<unk>", "a", "b", "c", "d", "e", "!"));

    @Test
    void startsWithStartAndMapsWords() {
        SequenceEncoder encoder = new SequenceEncoder(tokenizer, vocabulary, 10);
        assertArrayEquals(new int[] {1, 3, 4, 5, 8}, encoder.encode("A b C!"));
    }

    @Test
    void unknownWordsBecomeOov() {
        SequenceEncoder encoder = new SequenceEncoder(tokenizer, vocabulary, 10);
        assertArrayEquals(new int[] {1, 3, 2, 4, 2}, encoder.encode("a zebra b ?"));
    }

    @Test
    void truncationKeepsTheLastTokens() {
        SequenceEncoder encoder = new SequenceEncoder(tokenizer, vocabulary, 4);
        // Tokens a b c d e: only the last three fit after START.
        assertArrayEquals(new int[] {1, 5, 6, 7}, encoder.encode("a b c d e"));
        // Exactly maxLength - 1 tokens are kept whole.
        assertArrayEquals(new int[] {1, 3, 4, 5}, encoder.encode("a b c"));
        assertArrayEquals(new int[] {1, 3, 4}, encoder.encode("a b"));
    }

    @Test
    void emptyTextIsJustStart() {
        SequenceEncoder encoder = new SequenceEncoder(tokenizer, vocabulary);
        assertArrayEquals(new int[] {Vocabulary.START}, encoder.encode(""));
        assertArrayEquals(new int[] {Vocabulary.START}, encoder.encode("  <br /> "));
        assertArrayEquals(new int[] {Vocabulary.START}, encoder.encodeTokens(List.of()));
    }

    @Test
    void defaultLengthIs200() {
        SequenceEncoder encoder = new SequenceEncoder(tokenizer, vocabulary);
        assertEquals(200, encoder.maxLength());
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            tokens.add(i < 499 ? "a" : "e");
        }
        int[] ids = encoder.encodeTokens(tokens);
        assertEquals(200, ids.length);
        assertEquals(Vocabulary.START, ids[0]);
        assertEquals(vocabulary.id("e"), ids[199]);
        assertEquals(vocabulary.id("a"), ids[1]);
    }

    @Test
    void encodeAgreesWithEncodeTokens() {
        SequenceEncoder encoder = new SequenceEncoder(tokenizer, vocabulary, 5);
        String text = "e d, c b! a";
        assertArrayEquals(encoder.encodeTokens(tokenizer.tokenize(text)), encoder.encode(text));
    }

    @Test
    void maxLengthOneKeepsOnlyStart() {
        assertArrayEquals(
                new int[] {1}, new SequenceEncoder(tokenizer, vocabulary, 1).encode("a b c"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new SequenceEncoder(tokenizer, vocabulary, 0));
    }
}
