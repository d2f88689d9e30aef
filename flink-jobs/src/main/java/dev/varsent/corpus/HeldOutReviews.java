package dev.varsent.corpus;

import dev.varsent.data.PaperSplit;
import dev.varsent.data.ScaleData;
import dev.varsent.text.Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The held-out 20 % of the scale data (the test segments of the paper's split), as the local run's
 * stream.
 */
public final class HeldOutReviews {
    /** The split seed of the local run's stream. */
    public static final long SPLIT_SEED = 1;

    private HeldOutReviews() {}

    public static List<ReviewText> load(long seed) {
        List<ReviewText> out = new ArrayList<>();
        for (PaperSplit.Segment s : testSegments(seed)) {
            out.add(new ReviewText(id(s), String.join(" ", s.tokens())));
        }
        return out;
    }

    /**
     * The rating in [0, 1] of each review {@link #load} streams, by id (a segment has its review's
     * rating).
     */
    public static Map<String, Double> ratings(long seed) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (PaperSplit.Segment s : testSegments(seed)) {
            out.put(id(s), s.rating());
        }
        return out;
    }

    private static List<PaperSplit.Segment> testSegments(long seed) {
        return PaperSplit.split(ScaleData.load(ScaleData.defaultDir()), new Tokenizer(), seed)
                .test();
    }

    private static String id(PaperSplit.Segment s) {
        return s.reviewId() + "#" + s.index();
    }
}
