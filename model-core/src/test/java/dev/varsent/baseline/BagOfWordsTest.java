package dev.varsent.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BagOfWordsTest {

    private static final List<List<String>> TRAINING =
            List.of(
                    List.of("good", "film", "good", "!"),
                    List.of("bad", "film", "."),
                    List.of("film", "good", "plot"));

    @Test
    void keepsTheMostFrequentTokensWithTiesInOrderOfFirstAppearance() {
        BagOfWords words = BagOfWords.fit(TRAINING, 4);

        assertEquals(4, words.size());
        assertEquals(0, words.column("good")); // 3 times, first seen before "film"
        assertEquals(1, words.column("film")); // 3 times
        assertEquals(2, words.column("!")); // once each: first appearance decides
        assertEquals(3, words.column("bad"));
        assertEquals(-1, words.column("plot"));
    }

    @Test
    void rowsAreBinaryPresenceWithUnitNorm() {
        BagOfWords words = BagOfWords.fit(TRAINING, 4);
        SparseRows rows =
                words.rows(
                        List.of(
                                List.of("good", "good", "good", "film", "unseen"),
                                List.of("unseen"),
                                List.of("bad")));

        assertEquals(1 / Math.sqrt(2), rows.rowDot(0, new double[] {1, 0, 0, 0}), 1e-12);
        assertEquals(1 / Math.sqrt(2), rows.rowDot(0, new double[] {0, 1, 0, 0}), 1e-12);
        assertEquals(0, rows.rowDot(1, new double[] {1, 1, 1, 1}));
        assertEquals(1, rows.rowDot(2, new double[] {0, 0, 0, 1}), 1e-12);
        assertEquals(3, rows.nonZeros());
    }

    @Test
    void bigramsFollowTheWordsAndJoinOnlyVocabularyWords() {
        // Pairs of words: "film good" twice; "good film", "good !" and "bad film" once each;
        // "film ." and "good plot" are no pairs ("." and "plot" are not among the 4 words).
        BagOfWords words = BagOfWords.fit(TRAINING, 4, 2);

        assertEquals(6, words.size());
        assertTrue(words.hasBigrams());
        assertEquals(4, words.column("film good"));
        assertEquals(5, words.column("good film")); // once, seen before "good !"
        assertEquals(-1, words.column("good !"));
        assertEquals(-1, words.column("bad film"));
        assertEquals(-1, words.column("film ."));
        assertFalse(BagOfWords.fit(TRAINING, 4).hasBigrams());
        assertEquals(words.words(), BagOfWords.of(words.words()).words());
        assertTrue(BagOfWords.of(words.words()).hasBigrams());
    }

    @Test
    void aRowCountsABigramOnceBesideItsWords() {
        BagOfWords words = BagOfWords.fit(TRAINING, 4, 2);
        SparseRows rows =
                words.rows(
                        List.of(List.of("good", "film", "good", "film"), List.of("film", "good")));

        // good, film, "good film", "film good": four entries of 1/2; then film, good, "film good"
        assertEquals(7, rows.nonZeros());
        assertEquals(0.5, rows.rowDot(0, new double[] {0, 0, 0, 0, 1, 0}), 1e-12);
        assertEquals(0.5, rows.rowDot(0, new double[] {0, 0, 0, 0, 0, 1}), 1e-12);
        assertEquals(1 / Math.sqrt(3), rows.rowDot(1, new double[] {0, 0, 0, 0, 1, 0}), 1e-12);
        assertEquals(0, rows.rowDot(1, new double[] {0, 0, 0, 0, 0, 1}));
    }

    @Test
    void refusesAStoredEntryThatIsNeitherATokenNorABigram() {
        for (String bad : List.of("a b c", " a", "a  b", "a\tb", "")) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class, () -> BagOfWords.of(List.of("x", bad)));
            assertTrue(e.getMessage().contains("entry 1"), e.getMessage());
        }
    }
}
