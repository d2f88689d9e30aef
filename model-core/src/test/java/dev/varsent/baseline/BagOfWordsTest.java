package dev.varsent.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
