package dev.varsent.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    private static final List<List<String>> TEXTS =
            List.of(
                    List.of("the", "film", "is", "good", "good"),
                    List.of("the", "plot", "is", "thin"),
                    List.of("the", "cast", "is", "good", "zany"));

    @Test
    void reservesTheFirstThreeIds() {
        Vocabulary vocabulary = Vocabulary.build(TEXTS, 100);
        assertEquals(0, Vocabulary.PAD);
        assertEquals(1, Vocabulary.START);
        assertEquals(2, Vocabulary.OOV);
        assertEquals(List.of("<pad>", "<s>", "<unk>"), vocabulary.words().subList(0, 3));
        assertEquals(Vocabulary.PAD, vocabulary.id("<pad>"));
        assertEquals(Vocabulary.START, vocabulary.id("<s>"));
        assertEquals(Vocabulary.OOV, vocabulary.id("<unk>"));
        assertEquals("<s>", vocabulary.word(Vocabulary.START));
    }

    @Test
    void ordersByFrequencyThenLexicographically() {
        Vocabulary vocabulary = Vocabulary.build(TEXTS, 100);
        // the:3, is:3, good:3, then the singletons in String order.
        assertEquals(
                List.of(
                        "<pad>", "<s>", "<unk>", "good", "is", "the", "cast", "film", "plot",
                        "thin", "zany"),
                vocabulary.words());
        assertEquals(3, vocabulary.id("good"));
        assertEquals("zany", vocabulary.word(10));
        assertEquals(11, vocabulary.size());
    }

    @Test
    void maxSizeCountsTheReservedIds() {
        Vocabulary vocabulary = Vocabulary.build(TEXTS, 7);
        assertEquals(7, vocabulary.size());
        assertEquals(List.of("good", "is", "the", "cast"), vocabulary.words().subList(3, 7));
        assertEquals(Vocabulary.OOV, vocabulary.id("film"));
        assertFalse(vocabulary.contains("film"));
        assertTrue(vocabulary.contains("cast"));
        assertEquals(3, Vocabulary.build(TEXTS, 3).size());
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.build(TEXTS, 2));
        assertEquals(20_000, Vocabulary.DEFAULT_MAX_SIZE);
    }

    @Test
    void doesNotDependOnTextOrder() {
        List<List<String>> reversed = new ArrayList<>(TEXTS);
        Collections.reverse(reversed);
        List<List<String>> reversedTokens =
                reversed.stream()
                        .map(
                                t -> {
                                    List<String> copy = new ArrayList<>(t);
                                    Collections.reverse(copy);
                                    return copy;
                                })
                        .toList();
        assertEquals(Vocabulary.build(TEXTS, 8), Vocabulary.build(reversedTokens, 8));
    }

    @Test
    void neverCountsReservedTokensAsWords() {
        Vocabulary vocabulary =
                Vocabulary.build(List.of(List.of("<unk>", "<unk>", "<pad>", "<s>", "word")), 100);
        assertEquals(List.of("<pad>", "<s>", "<unk>", "word"), vocabulary.words());
    }

    @Test
    void unknownWordsAreOov() {
        Vocabulary vocabulary = Vocabulary.build(TEXTS, 100);
        assertEquals(Vocabulary.OOV, vocabulary.id("masterpiece"));
        assertEquals(Vocabulary.OOV, vocabulary.id("Good"));
        assertThrows(IndexOutOfBoundsException.class, () -> vocabulary.word(11));
        assertThrows(IndexOutOfBoundsException.class, () -> vocabulary.word(-1));
    }

    @Test
    void roundTripsThroughItsWordList() {
        Vocabulary vocabulary = Vocabulary.build(TEXTS, 100);
        Vocabulary restored = Vocabulary.fromWords(new ArrayList<>(vocabulary.words()));
        assertEquals(vocabulary, restored);
        for (String word : vocabulary.words()) {
            assertEquals(vocabulary.id(word), restored.id(word));
        }
        assertThrows(UnsupportedOperationException.class, () -> restored.words().add("x"));
    }

    @Test
    void copiesTheListItIsGiven() {
        List<String> words = new ArrayList<>(List.of("<pad>", "<s>", "<unk>", "a"));
        Vocabulary vocabulary = Vocabulary.fromWords(words);
        words.set(3, "b");
        assertEquals("a", vocabulary.word(3));
    }

    @Test
    void rejectsListsWithoutTheReservedTokensFirst() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Vocabulary.fromWords(List.of("<s>", "<pad>", "<unk>", "a")));
        assertTrue(e.getMessage().contains("reserved"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> Vocabulary.fromWords(List.of("<pad>", "<s>")));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.fromWords(List.of()));
        assertThrows(
                IllegalArgumentException.class,
                () -> Vocabulary.fromWords(List.of("a", "b", "c", "d")));
    }

    @Test
    void rejectsDuplicatesAndNulls() {
        IllegalArgumentException duplicate =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                Vocabulary.fromWords(
                                        List.of("<pad>", "<s>", "<unk>", "a", "b", "a")));
        assertEquals("vocabulary word 'a' appears twice, at ids 3 and 5", duplicate.getMessage());
        IllegalArgumentException reservedAgain =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Vocabulary.fromWords(List.of("<pad>", "<s>", "<unk>", "<unk>")));
        assertTrue(reservedAgain.getMessage().contains("ids 2 and 3"), reservedAgain.getMessage());
        List<String> withNull = new ArrayList<>(List.of("<pad>", "<s>", "<unk>"));
        withNull.add(null);
        IllegalArgumentException nullWord =
                assertThrows(IllegalArgumentException.class, () -> Vocabulary.fromWords(withNull));
        assertTrue(nullWord.getMessage().contains("id 3"), nullWord.getMessage());
    }
}
