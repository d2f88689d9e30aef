package dev.varsent.data;

import dev.varsent.text.Tokenizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * The train/test protocol of Gal &amp; Ghahramani (2016), Sec. 5.2, on the scale dataset: reviews
 * are shuffled with a fixed seed, each review is cut into consecutive segments of {@code
 * segmentLength} tokens that inherit its rating, and the resulting segment list is split by
 * segment, the first 80% for training and the rest for testing.
 *
 * <p>Short pieces: a review's final piece shorter than {@code segmentLength} (or a whole review
 * that is shorter) is kept only if it has at least {@code segmentLength / 4} tokens (and at least
 * one); shorter scraps carry too little text to rate.
 *
 * <p>Because segments stay in shuffled-review order, all segments of a review are adjacent, so at
 * most the one review straddling the 80% cut has segments on both sides.
 */
public final class PaperSplit {

    public static final int DEFAULT_SEGMENT_LENGTH = 200;
    public static final double TRAIN_FRACTION = 0.8;

    /** A piece of one review: its {@code index}-th segment (from 0), with the review's rating. */
    public record Segment(String reviewId, int index, List<String> tokens, double rating) {

        public Segment {
            Objects.requireNonNull(reviewId, "reviewId");
            tokens = List.copyOf(tokens);
        }
    }

    /** Training and test segments, each in shuffled order. */
    public record Split(List<Segment> train, List<Segment> test) {

        public Split {
            train = List.copyOf(train);
            test = List.copyOf(test);
        }
    }

    private PaperSplit() {}

    /** {@link #split(List, Tokenizer, long, int)} with {@link #DEFAULT_SEGMENT_LENGTH}. */
    public static Split split(List<Review> reviews, Tokenizer tokenizer, long seed) {
        return split(reviews, tokenizer, seed, DEFAULT_SEGMENT_LENGTH);
    }

    /**
     * Shuffles a copy of {@code reviews} with {@code new Random(seed)}, segments each review and
     * splits the segments 80/20 (the training part has {@code floor(0.8 * segments)} segments).
     */
    public static Split split(
            List<Review> reviews, Tokenizer tokenizer, long seed, int segmentLength) {
        Objects.requireNonNull(tokenizer, "tokenizer");
        if (segmentLength < 1) {
            throw new IllegalArgumentException(
                    "segmentLength must be positive, got " + segmentLength);
        }
        List<Review> shuffled = new ArrayList<>(reviews);
        Collections.shuffle(shuffled, new Random(seed));

        // Every review repeats the same few thousand words; sharing one String per word keeps the
        // ~2M corpus tokens from each holding their own copy.
        Map<String, String> canonical = new HashMap<>();
        List<Segment> segments = new ArrayList<>();
        for (Review review : shuffled) {
            List<String> tokens = tokenizer.tokenize(review.text());
            tokens.replaceAll(t -> canonical.computeIfAbsent(t, k -> k));
            segments.addAll(segment(review.id(), tokens, review.rating(), segmentLength));
        }
        int trainSize = (int) Math.floor(segments.size() * TRAIN_FRACTION);
        return new Split(
                segments.subList(0, trainSize), segments.subList(trainSize, segments.size()));
    }

    /**
     * Cuts one tokenized review into consecutive {@code segmentLength}-token segments that inherit
     * its rating, dropping a final piece (or a whole review) shorter than {@code segmentLength / 4}
     * tokens.
     */
    public static List<Segment> segment(
            String reviewId, List<String> tokens, double rating, int segmentLength) {
        if (segmentLength < 1) {
            throw new IllegalArgumentException(
                    "segmentLength must be positive, got " + segmentLength);
        }
        int minLength = Math.max(1, segmentLength / 4);
        List<Segment> segments = new ArrayList<>();
        int index = 0;
        for (int from = 0; from < tokens.size(); from += segmentLength) {
            int to = Math.min(tokens.size(), from + segmentLength);
            if (to - from < segmentLength && to - from < minLength) {
                break;
            }
            segments.add(new Segment(reviewId, index++, tokens.subList(from, to), rating));
        }
        return segments;
    }
}
