package dev.varsent.predict;

import java.util.List;

/**
 * Scores raw review texts with MC dropout. One instance is not thread-safe (it owns scratch
 * buffers); create one per thread / Flink subtask.
 */
public interface Predictor {

    /** The version of the model bundle this predictor serves, carried on every prediction. */
    String modelVersion();

    /** True for a classification head (pos/neg), false for the regression head. */
    boolean isClassification();

    /**
     * Scores whole reviews: each text is cut into segments of the model's sequence length and every
     * segment (up to a cap per review) is scored with {@code k} MC dropout samples, in batches of
     * segments x k rows; a review's prediction combines all its segments and samples. {@code k ==
     * 1} gives the deterministic dropout approximation (dropout off).
     */
    List<Prediction> predict(List<String> texts, int k);

    /**
     * As {@link #predict(List, int)}, for a predictor that samples adaptively against the routing
     * decision: against {@code cut} instead of its configured threshold ({@link
     * RoutingCut#UNKNOWN}: every review gets all K samples). A predictor that does not sample
     * adaptively ignores it.
     */
    default List<Prediction> predict(List<String> texts, int k, RoutingCut cut) {
        return predict(texts, k);
    }
}
