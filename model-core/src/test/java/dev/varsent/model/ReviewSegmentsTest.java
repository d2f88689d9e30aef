package dev.varsent.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varsent.text.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewSegmentsTest {
    // ids: <pad>=0 <s>=1 <unk>=2, then w0..w99 = 3..102
    private static final Vocabulary VOCAB = vocabulary();

    private static Vocabulary vocabulary() {
        List<String> words = new ArrayList<>(Vocabulary.RESERVED);
        for (int i = 0; i < 100; i++) {
            words.add("w" + i);
        }
        return Vocabulary.fromWords(words);
    }

    private static List<String> tokens(int n) {
        List<String> t = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            t.add("w" + (i % 100));
        }
        return t;
    }

    /** The ids of the segments without their START, concatenated. */
    private static List<Integer> body(List<int[]> segments) {
        List<Integer> ids = new ArrayList<>();
        for (int[] s : segments) {
            assertEquals(Vocabulary.START, s[0], "every segment starts with START");
            for (int i = 1; i < s.length; i++) {
                assertTrue(s[i] != Vocabulary.START, "START only at the front");
                ids.add(s[i]);
            }
        }
        return ids;
    }

    private static List<List<Integer>> ids(int[]... segments) {
        return ids(List.of(segments));
    }

    private static List<List<Integer>> ids(List<int[]> segments) {
        return segments.stream().map(s -> java.util.Arrays.stream(s).boxed().toList()).toList();
    }

    @Test
    void everyTokenIsScoredExactlyOnceInOrder() {
        for (int n : new int[] {1, 9, 10, 11, 19, 20, 21, 57, 90}) {
            ReviewSegments r = ReviewSegments.of(tokens(n), VOCAB, 11, 100);
            List<Integer> expected = new ArrayList<>();
            for (String t : tokens(n)) {
                expected.add(VOCAB.id(t));
            }
            assertEquals(expected, body(r.segments()), n + " tokens");
            assertEquals(
                    (n + 9) / 10, r.segments().size(), n + " tokens in segments of at most 10");
            assertEquals(r.segments().size(), r.total());
            assertFalse(r.truncated());
            for (int[] s : r.segments()) {
                assertTrue(s.length <= 11, "at most maxLength ids");
            }
        }
    }

    @Test
    void segmentsAreAsEqualAsPossibleSoThatNoneIsAScrap() {
        ReviewSegments r = ReviewSegments.of(tokens(22), VOCAB, 11, 100);
        assertArrayEquals(
                new int[] {8, 7, 7}, r.segments().stream().mapToInt(s -> s.length - 1).toArray());
        ReviewSegments exact = ReviewSegments.of(tokens(20), VOCAB, 11, 100);
        assertArrayEquals(
                new int[] {10, 10},
                exact.segments().stream().mapToInt(s -> s.length - 1).toArray());
    }

    @Test
    void anEmptyReviewIsStartAlone() {
        ReviewSegments r = ReviewSegments.of(List.of(), VOCAB, 11, 3);
        assertEquals(1, r.segments().size());
        assertArrayEquals(new int[] {Vocabulary.START}, r.segments().get(0));
        assertEquals(0, r.oovShare());
    }

    @Test
    void beyondTheCapTheFirstAndLastSegmentsAreScored() {
        // 100 tokens in 10 segments of 10: w0..w9, w10..w19, ...
        List<int[]> all = ReviewSegments.of(tokens(100), VOCAB, 11, 100).segments();
        ReviewSegments odd = ReviewSegments.of(tokens(100), VOCAB, 11, 5);
        assertTrue(odd.truncated());
        assertEquals(10, odd.total());
        assertEquals(
                ids(all.get(0), all.get(1), all.get(2), all.get(8), all.get(9)),
                ids(odd.segments()));
        ReviewSegments even = ReviewSegments.of(tokens(100), VOCAB, 11, 4);
        assertEquals(ids(all.get(0), all.get(1), all.get(8), all.get(9)), ids(even.segments()));
        ReviewSegments one = ReviewSegments.of(tokens(100), VOCAB, 11, 1);
        assertEquals(ids(all.get(0)), ids(one.segments()));
        ReviewSegments atCap = ReviewSegments.of(tokens(100), VOCAB, 11, 10);
        assertFalse(atCap.truncated());
        assertEquals(10, atCap.segments().size());
    }

    @Test
    void theOovShareCountsEveryTokenOfTheReview() {
        List<String> t = new ArrayList<>(tokens(30));
        t.set(3, "zebra");
        t.set(25, "yak");
        ReviewSegments r = ReviewSegments.of(t, VOCAB, 11, 1);
        assertEquals(2.0 / 30, r.oovShare(), 1e-12, "the unscored segments count too");
        assertEquals(
                0.5,
                ReviewSegments.ofEncoded(new int[] {Vocabulary.START, 5, Vocabulary.OOV})
                        .oovShare(),
                1e-12);
        assertEquals(0, ReviewSegments.ofEncoded(new int[] {Vocabulary.START}).oovShare());
    }

    @Test
    void theDefaultCapCoversTwoThousandTokens() {
        assertEquals(11, ScoringOptions.defaults().segmentCap(200));
        assertEquals(3, ScoringOptions.defaults().withMaxSegments(3).segmentCap(200));
    }
}
