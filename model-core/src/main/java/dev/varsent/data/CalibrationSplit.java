package dev.varsent.data;

import dev.varsent.bundle.Provenance;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Cuts a calibration split off the training side by a stable hash of each example's review id: an
 * example is a calibration example when the first 8 bytes of SHA-256("varsent-calibration:" + id),
 * read as an unsigned fraction of 2^64, are below {@code fraction}. The decision depends on the id
 * alone, not on the order or number of examples, so a review stays on its side when the data grows,
 * and all segments of one review (same id) fall on the same side. Never cut it from a test split,
 * and cut it before the vocabulary is built, so that the calibration reviews are as new to the
 * model as the reviews it will score.
 */
public final class CalibrationSplit {
    public static final double DEFAULT_FRACTION = 0.1;
    private static final String SALT = "varsent-calibration:";

    /** The examples kept for training and those held out for calibration, each in input order. */
    public record Split<T>(List<T> train, List<T> calibration, String description) {
        public Split {
            train = List.copyOf(train);
            calibration = List.copyOf(calibration);
        }
    }

    private CalibrationSplit() {}

    /** {@link #split(List, Function, double)} with {@link #DEFAULT_FRACTION}. */
    public static <T> Split<T> split(List<T> examples, Function<T, String> reviewId) {
        return split(examples, reviewId, DEFAULT_FRACTION);
    }

    public static <T> Split<T> split(
            List<T> examples, Function<T, String> reviewId, double fraction) {
        return split(examples, reviewId, fraction, SALT);
    }

    /**
     * As {@link #split(List, Function, double)} with another salt, for another split of the same
     * examples that must be independent of the calibration split (a validation split, say).
     */
    public static <T> Split<T> split(
            List<T> examples, Function<T, String> reviewId, double fraction, String salt) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException(
                    "calibration fraction must lie in (0, 1), got " + fraction);
        }
        List<T> train = new ArrayList<>(), calibration = new ArrayList<>();
        for (T example : examples) {
            String id = Objects.requireNonNull(reviewId.apply(example), "review id");
            (inLowestFraction(salt, id, fraction) ? calibration : train).add(example);
        }
        String description =
                String.format(
                        java.util.Locale.ROOT,
                        "%s split: SHA-256(\"%s\" + review id) in the lowest %.4g of the hash range;"
                                + " %d of %d training-side examples",
                        salt.equals(SALT) ? "calibration" : "held-out",
                        salt,
                        fraction,
                        calibration.size(),
                        examples.size());
        return new Split<>(train, calibration, description);
    }

    /**
     * The review id of an example id: segment and replay ids are {@code reviewId + "#" + n} (the
     * paper split's segments, the base corpus, the local feeder's later passes), so a trailing
     * {@code #digits} is dropped. Use it as the id function to keep all pieces of one review on one
     * side.
     */
    public static String reviewId(String exampleId) {
        int hash = exampleId.lastIndexOf('#');
        if (hash < 0 || hash == exampleId.length() - 1) {
            return exampleId;
        }
        for (int i = hash + 1; i < exampleId.length(); i++) {
            if (!Character.isDigit(exampleId.charAt(i))) {
                return exampleId;
            }
        }
        return exampleId.substring(0, hash);
    }

    /**
     * The examples grouped by {@link #reviewId review id}, groups in order of first appearance,
     * each group's pieces in the order of their {@code #n} suffix (an id without one sorts first),
     * ties in input order: the pieces of one review in text order, to be joined into the whole
     * review.
     */
    public static <T> List<List<T>> byReview(List<T> examples, Function<T, String> exampleId) {
        Map<String, List<T>> groups = new LinkedHashMap<>();
        for (T e : examples) {
            groups.computeIfAbsent(reviewId(exampleId.apply(e)), r -> new ArrayList<>()).add(e);
        }
        List<List<T>> out = new ArrayList<>(groups.size());
        for (List<T> g : groups.values()) {
            g.sort(Comparator.comparingLong(e -> pieceIndex(exampleId.apply(e))));
            out.add(List.copyOf(g));
        }
        return out;
    }

    /** The {@code n} of an id {@code review#n}, -1 for an id without a numeric suffix. */
    private static long pieceIndex(String exampleId) {
        String review = reviewId(exampleId);
        if (review.length() == exampleId.length()) {
            return -1;
        }
        try {
            return Long.parseLong(exampleId.substring(review.length() + 1));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // more digits than a long holds: after every other piece
        }
    }

    public static boolean isCalibration(String reviewId, double fraction) {
        return inLowestFraction(SALT, reviewId, fraction);
    }

    private static boolean inLowestFraction(String salt, String reviewId, double fraction) {
        byte[] digest =
                Provenance.newSha256().digest((salt + reviewId).getBytes(StandardCharsets.UTF_8));
        long bits = ByteBuffer.wrap(digest, 0, 8).getLong();
        // The unsigned 64-bit value as a fraction of 2^64, from its top 53 bits.
        double u = (bits >>> 11) * 0x1.0p-53;
        return u < fraction;
    }
}
