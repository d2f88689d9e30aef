package dev.varsent.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varsent.data.PaperSplit.Segment;
import dev.varsent.data.PaperSplit.Split;
import dev.varsent.text.Tokenizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PaperSplitTest {

    private static final Tokenizer TOKENIZER = new Tokenizer();
    private static List<Review> corpus;
    private static Split seed42;

    @BeforeAll
    static void splitCorpus() {
        corpus = ScaleData.load(ScaleData.defaultDir());
        seed42 = PaperSplit.split(corpus, TOKENIZER, 42L);
    }

    @Test
    void sameSeedGivesTheSameSplit() {
        assertEquals(seed42, PaperSplit.split(corpus, TOKENIZER, 42L));
    }

    @Test
    void anotherSeedGivesAnotherSplit() {
        Split a = seed42;
        Split b = PaperSplit.split(corpus, TOKENIZER, 43L);
        assertNotEquals(ids(a.test()), ids(b.test()));
        // Same segments overall, only their order and side differ.
        assertEquals(all(a).size(), all(b).size());
        assertEquals(new HashSet<>(all(a)), new HashSet<>(all(b)));
    }

    @Test
    void splitsEightyTwentyBySegment() {
        Split split = seed42;
        int total = split.train().size() + split.test().size();
        assertEquals((int) Math.floor(total * 0.8), split.train().size());
        // 2,207,100 tokens; counted independently of this code (a regex tokenizer over the raw
        // files).
        assertEquals(12_330, total);
        assertEquals(9_864, split.train().size());
        long straddling =
                split.train().stream()
                        .map(Segment::reviewId)
                        .distinct()
                        .filter(ids(split.test())::contains)
                        .count();
        assertTrue(straddling <= 1, "reviews on both sides: " + straddling);
    }

    @Test
    void segmentsAreFullLengthExceptLongEnoughTails() {
        Split split = seed42;
        Map<String, Review> byId =
                corpus.stream().collect(Collectors.toMap(Review::id, Function.identity()));
        Map<String, List<Segment>> perReview =
                all(split).stream()
                        .collect(
                                Collectors.groupingBy(
                                        Segment::reviewId, HashMap::new, Collectors.toList()));
        for (Map.Entry<String, List<Segment>> entry : perReview.entrySet()) {
            Review review = byId.get(entry.getKey());
            List<Segment> segments = entry.getValue();
            List<String> tokens = TOKENIZER.tokenize(review.text());
            for (int i = 0; i < segments.size(); i++) {
                Segment segment = segments.get(i);
                assertEquals(i, segment.index());
                assertEquals(review.rating(), segment.rating());
                assertEquals(
                        tokens.subList(i * 200, i * 200 + segment.tokens().size()),
                        segment.tokens());
                if (i < segments.size() - 1) {
                    assertEquals(200, segment.tokens().size());
                } else {
                    assertTrue(segment.tokens().size() >= 50 && segment.tokens().size() <= 200);
                }
            }
            int tail = tokens.size() % 200;
            int expectedSegments = tokens.size() / 200 + (tail >= 50 ? 1 : 0);
            assertEquals(expectedSegments, segments.size(), review.id());
        }
    }

    @Test
    void cutsAndDropsTailsOnASmallCorpus() {
        List<Review> reviews =
                List.of(
                        review("long", 10, 0.9), // 4 + 4 + tail of 2 (kept: 2 >= 4/4)
                        review("exact", 8, 0.1), // 4 + 4
                        review("short", 3, 0.5), // a single short piece of 3, kept
                        review("empty", 0, 0.2)); // nothing
        Split split = PaperSplit.split(reviews, TOKENIZER, 3L, 4);
        List<Segment> segments = all(split);
        assertEquals(6, segments.size());
        assertEquals(List.of(4, 4, 2), sizesOf(segments, "long"));
        assertEquals(List.of(4, 4), sizesOf(segments, "exact"));
        assertEquals(List.of(3), sizesOf(segments, "short"));
        assertEquals(
                List.of("w8", "w9"),
                segments.stream()
                        .filter(s -> s.reviewId().equals("long") && s.index() == 2)
                        .findFirst()
                        .orElseThrow()
                        .tokens());
        assertTrue(
                segments.stream()
                        .filter(s -> s.reviewId().equals("long"))
                        .allMatch(s -> s.rating() == 0.9));
        assertEquals(4, split.train().size());
        assertEquals(2, split.test().size());

        // With 8-token segments the minimum is 2: a 1-token tail is dropped.
        Split coarse = PaperSplit.split(List.of(review("r", 9, 0.3)), TOKENIZER, 3L, 8);
        assertEquals(List.of(8), sizesOf(all(coarse), "r"));
    }

    @Test
    void doesNotReorderTheCallersList() {
        List<Review> reviews =
                new ArrayList<>(List.of(review("a", 3, 0), review("b", 3, 0), review("c", 3, 0)));
        List<Review> before = List.copyOf(reviews);
        PaperSplit.split(reviews, TOKENIZER, 5L, 4);
        assertEquals(before, reviews);
        assertThrows(
                IllegalArgumentException.class, () -> PaperSplit.split(reviews, TOKENIZER, 5L, 0));
    }

    private static Review review(String id, int tokens, double rating) {
        String text =
                IntStream.range(0, tokens).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
        return new Review(id, text, rating);
    }

    private static List<Integer> sizesOf(List<Segment> segments, String reviewId) {
        return segments.stream()
                .filter(s -> s.reviewId().equals(reviewId))
                .map(s -> s.tokens().size())
                .toList();
    }

    private static List<Segment> all(Split split) {
        return Stream.concat(split.train().stream(), split.test().stream()).toList();
    }

    private static Set<String> ids(List<Segment> segments) {
        return segments.stream().map(Segment::reviewId).collect(Collectors.toSet());
    }
}
