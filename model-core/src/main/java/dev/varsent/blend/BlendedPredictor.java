package dev.varsent.blend;

import dev.varsent.predict.Prediction;
import dev.varsent.predict.Predictor;
import dev.varsent.predict.RoutingCut;
import dev.varsent.predict.ServedView;
import dev.varsent.text.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Serves a wide-and-deep model: each review's MC prediction from the network's predictor, blended
 * with the bag-of-words ridge's score of the same text ({@link WideBlend#combine}), then calibrated
 * by the function the model supplies (its conformal calibration, fitted on blended predictions, and
 * its decision threshold). The network's own interval fields are recomputed, never passed through.
 * When the network's predictor samples adaptively, it settles each review's routing decision on the
 * blended, calibrated prediction ({@link #servedView}), which is what the router reads. Not
 * thread-safe, as the network's predictor is not; closing it closes the network's predictor.
 */
public final class BlendedPredictor implements Predictor, AutoCloseable {
    /**
     * Scores reviews already tokenized with the model's tokenizer, as the network's predictor does;
     * adaptive sampling (if the predictor does it) judges each review on what {@code view} serves
     * of it, against {@code cut} (null: the predictor's configured threshold).
     */
    @FunctionalInterface
    public interface TokenScorer {
        List<Prediction> predictTokens(
                List<List<String>> reviews, int k, RoutingCut cut, ServedView view);
    }

    /**
     * Adds intervals, calibrated std and wrong-side probability to a blended prediction, given the
     * review's word error (NaN when the blend has no error ridge).
     */
    @FunctionalInterface
    public interface Calibration {
        Prediction apply(Prediction blended, double wordError);
    }

    private final Predictor deep;
    private final TokenScorer deepTokens;
    private final Tokenizer tokenizer;
    private final WideBlend blend;
    private final Calibration calibration;

    /**
     * @param deep the network's predictor (regression head)
     * @param deepTokens the same predictor's scoring of tokenized reviews, so a text is tokenized
     *     once for both parts of the blend
     * @param tokenizer the model's tokenizer, which the ridge's vocabulary was built with
     * @param calibration adds intervals, calibrated std and wrong-side probability to a blended
     *     prediction
     */
    public BlendedPredictor(
            Predictor deep,
            TokenScorer deepTokens,
            Tokenizer tokenizer,
            WideBlend blend,
            Calibration calibration) {
        this.deep = Objects.requireNonNull(deep, "deep");
        this.deepTokens = Objects.requireNonNull(deepTokens, "deepTokens");
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.blend = Objects.requireNonNull(blend, "blend");
        this.calibration = Objects.requireNonNull(calibration, "calibration");
        if (deep.isClassification()) {
            throw new IllegalArgumentException(
                    "model "
                            + deep.modelVersion()
                            + " has a classification head; a bag-of-words blend needs a regression head");
        }
    }

    @Override
    public String modelVersion() {
        return deep.modelVersion();
    }

    @Override
    public boolean isClassification() {
        return false;
    }

    public WideBlend blend() {
        return blend;
    }

    @Override
    public List<Prediction> predict(List<String> texts, int k) {
        return score(texts, k, null);
    }

    @Override
    public List<Prediction> predict(List<String> texts, int k, RoutingCut cut) {
        return score(texts, k, Objects.requireNonNull(cut, "cut"));
    }

    private List<Prediction> score(List<String> texts, int k, RoutingCut cut) {
        List<List<String>> tokens = tokenize(texts);
        ServedView view = servedView(tokens);
        List<Prediction> deepPredictions = deepTokens.predictTokens(tokens, k, cut, view);
        List<Prediction> out = new ArrayList<>(texts.size());
        for (int i = 0; i < deepPredictions.size(); i++) {
            out.add(view.serve(i, deepPredictions.get(i)));
        }
        return out;
    }

    /** The texts tokenized with the model's tokenizer. */
    public List<List<String>> tokenize(List<String> texts) {
        List<List<String>> tokens = new ArrayList<>(texts.size());
        for (String text : texts) {
            tokens.add(tokenizer.tokenize(text));
        }
        return tokens;
    }

    /**
     * What this predictor serves of the network's prediction of each of these tokenized reviews:
     * the blend with the ridge's score of the review, calibrated with its word error.
     */
    public ServedView servedView(List<List<String>> tokens) {
        double[] ridge = blend.ridgeScores(tokens);
        double[] wordErrors = blend.wordErrors(tokens);
        return (i, network) -> calibration.apply(blend.combine(network, ridge[i]), wordErrors[i]);
    }

    @Override
    public void close() {
        if (deep instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException(
                        "closing the network's predictor failed: " + e.getMessage(), e);
            }
        }
    }
}
