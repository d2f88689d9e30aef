package dev.varsent.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.predict.Prediction;
import java.util.Objects;

/**
 * One held-out review as {@link WideBlendFit} scored it: the network's MC prediction, the ridge's
 * score and their blend before calibration (what the calibration half's tables are fitted on). It
 * is what {@code blend --members} writes, one JSON line each ({@link #json}), so that an
 * uncertainty signal of the blend (the two members' disagreement, say) can be validated on the
 * training side, cross-fitted, before it is served ({@code
 * scripts/blend-uncertainty-validation.py}).
 *
 * @param reviewId the review's id
 * @param selectionHalf whether the review chose the blend weight (else it calibrated the blend)
 * @param rating its rating in [0, 1]
 * @param network the network's prediction of the whole review
 * @param ridge the bag-of-words ridge's score of the whole review
 * @param wordError the error ridge's prediction of the review's error (NaN without one)
 * @param blended the blend of the two, uncalibrated
 */
public record BlendMemberScores(
        String reviewId,
        boolean selectionHalf,
        double rating,
        Prediction network,
        double ridge,
        double wordError,
        Prediction blended) {

    public BlendMemberScores {
        Objects.requireNonNull(reviewId, "reviewId");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(blended, "blended");
    }

    /**
     * The blended prediction's {@link Evaluation#predictionJson} fields, with the rating, the half
     * and the two members' scores ({@code network_score}, {@code network_std}, {@code
     * network_aleatoric_std}, {@code network_segment_std}, {@code ridge_score}) and the word error
     * ({@code word_error}, when the blend has an error ridge).
     */
    public ObjectNode json(String modelVersion) {
        ObjectNode o = Evaluation.predictionJson(reviewId, blended, modelVersion);
        o.put("rating", rating);
        o.put("half", selectionHalf ? "selection" : "calibration");
        o.put("network_score", network.score());
        o.put("network_std", network.std());
        if (Double.isFinite(network.aleatoricStd())) {
            o.put("network_aleatoric_std", network.aleatoricStd());
        }
        o.put("network_segment_std", network.segmentStd());
        o.put("ridge_score", ridge);
        if (Double.isFinite(wordError)) {
            o.put("word_error", wordError);
        }
        return o;
    }
}
