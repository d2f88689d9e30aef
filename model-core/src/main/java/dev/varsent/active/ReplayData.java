package dev.varsent.active;

import dev.varsent.data.PaperSplit;
import dev.varsent.data.Review;
import dev.varsent.train.LabelledText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The scale data as the active-learning replay sees it: the paper's split (seeded), its training
 * segments as the pool whose ratings only the oracle reveals, and an evaluation set: the test
 * segments, or for choosing settings without looking at test, a validation block cut from the end
 * of the training segments (segments stay in shuffled-review order, so at most one review has
 * segments on both sides).
 */
public record ReplayData(List<LabelledText> pool, List<LabelledText> evaluation) {

    public ReplayData {
        pool = List.copyOf(pool);
        evaluation = List.copyOf(evaluation);
        if (pool.isEmpty() || evaluation.isEmpty()) {
            throw new IllegalArgumentException("the pool and the evaluation set must not be empty");
        }
    }

    public static ReplayData of(List<Review> reviews, ActiveLearningConfig c) {
        long seed = c.training().seed();
        PaperSplit.Split split =
                PaperSplit.split(
                        reviews,
                        new dev.varsent.text.Tokenizer(),
                        seed,
                        c.training().segmentLength());
        List<PaperSplit.Segment> poolSource = split.train();
        List<PaperSplit.Segment> evalSource = split.test();
        if (c.evaluateOnValidation()) {
            int size =
                    Math.min(
                            c.evalLimit() > 0 ? c.evalLimit() : split.test().size(),
                            split.train().size() / 2);
            poolSource = split.train().subList(0, split.train().size() - size);
            evalSource = split.train().subList(split.train().size() - size, split.train().size());
        }
        return new ReplayData(
                texts(subset(poolSource, c.poolLimit(), seed ^ 0x9001)),
                texts(subset(evalSource, c.evalLimit(), seed ^ 0x7e57)));
    }

    private static List<PaperSplit.Segment> subset(
            List<PaperSplit.Segment> segments, int limit, long seed) {
        if (limit == 0 || limit >= segments.size()) {
            return segments;
        }
        List<PaperSplit.Segment> shuffled = new ArrayList<>(segments);
        Collections.shuffle(shuffled, new Random(seed));
        return shuffled.subList(0, limit);
    }

    /**
     * The review a pool item was cut from: its id up to the last {@code #} (the whole id if it has
     * none).
     */
    public static String reviewOf(LabelledText item) {
        int hash = item.id().lastIndexOf('#');
        return hash < 0 ? item.id() : item.id().substring(0, hash);
    }

    /** A segment as a labelled text: id {@code review#index}, its tokens joined by spaces. */
    static List<LabelledText> texts(List<PaperSplit.Segment> segments) {
        List<LabelledText> out = new ArrayList<>(segments.size());
        for (PaperSplit.Segment s : segments) {
            out.add(
                    new LabelledText(
                            s.reviewId() + "#" + s.index(),
                            String.join(" ", s.tokens()),
                            s.rating()));
        }
        return out;
    }
}
