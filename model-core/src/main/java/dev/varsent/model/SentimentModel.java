package dev.varsent.model;

import dev.varsent.blend.BlendedPredictor;
import dev.varsent.blend.WideBlend;
import dev.varsent.bundle.Provenance;
import dev.varsent.nn.NetConfig;
import dev.varsent.nn.Params;
import dev.varsent.predict.Predictor;
import dev.varsent.text.SequenceEncoder;
import dev.varsent.text.Tokenizer;
import dev.varsent.text.TokenizerSettings;
import dev.varsent.text.Vocabulary;
import dev.varsent.uncertainty.ConformalCalibration;
import dev.varsent.uncertainty.OovNovelty;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A trained model: network weights and everything needed to turn raw text into a rating with an
 * uncertainty (tokenizer settings, vocabulary, sequence length, target standardisation, noise
 * level, and the calibration and off-domain model fitted on a calibration split, see {@link
 * UncertaintyFit}).
 *
 * @param maxLength tokens per sequence including the START token
 * @param targetMean mean of the training ratings (regression outputs are standardised)
 * @param targetStd standard deviation of the training ratings
 * @param noiseVariance 1/tau, the aleatoric noise variance in rating units; NaN when not estimated
 * @param provenance data, seed, epochs, commit and metrics of the run that made it
 * @param calibration split-conformal calibration of the intervals; null when uncalibrated
 *     (intervals NaN)
 * @param novelty the off-domain signal's in-domain reference; null when not fitted (novelty NaN)
 * @param blend the bag-of-words ridge the served prediction blends in (a wide-and-deep model); null
 *     for the network alone. With a blend, {@code calibration} is the blended predictor's.
 */
public record SentimentModel(
        String version,
        NetConfig net,
        Params params,
        Vocabulary vocabulary,
        TokenizerSettings tokenizer,
        int maxLength,
        double targetMean,
        double targetStd,
        double noiseVariance,
        Provenance provenance,
        ConformalCalibration calibration,
        OovNovelty novelty,
        WideBlend blend) {

    public SentimentModel {
        if (blend != null && !net.regression()) {
            throw new IllegalArgumentException(
                    "a bag-of-words blend needs a regression head; "
                            + version
                            + " has a classification head");
        }
    }

    public SequenceEncoder encoder() {
        return new SequenceEncoder(new Tokenizer(tokenizer), vocabulary, maxLength);
    }

    /**
     * A new predictor with {@link ScoringOptions#defaults()} (not thread-safe: one per thread or
     * Flink subtask).
     */
    public McPredictor predictor(long seed, int threads) {
        return predictor(seed, threads, ScoringOptions.defaults());
    }

    /**
     * A new predictor of the network alone (not thread-safe: one per thread or Flink subtask). The
     * product serves {@link #servingPredictor}, which is this one unless the model carries a blend.
     */
    public McPredictor predictor(long seed, int threads, ScoringOptions options) {
        return new McPredictor(this, seed, threads, options);
    }

    /**
     * The predictor the product serves (stream, hot swaps, {@code evaluate}, the retrain holdout):
     * the network's MC predictor blended with the model's bag-of-words ridge when it carries one
     * ({@link BlendedPredictor}), else the network's predictor itself. Close it when done.
     */
    public Predictor servingPredictor(long seed, int threads, ScoringOptions options) {
        return serving(predictor(seed, threads, options), options);
    }

    /**
     * {@code deep}, this model's network predictor, as the product serves it: itself without a
     * blend, else wrapped in a {@link BlendedPredictor} that owns it (closing that closes {@code
     * deep}).
     */
    public Predictor serving(McPredictor deep, ScoringOptions options) {
        if (blend == null) {
            return deep;
        }
        Calibrator calibrator = new Calibrator(this, options);
        return new BlendedPredictor(
                deep,
                deep::predictTokens,
                new Tokenizer(tokenizer),
                blend,
                calibrator::recalibrate);
    }

    public boolean blended() {
        return blend != null;
    }

    public boolean calibrated() {
        return calibration != null;
    }

    public SentimentModel withNoiseVariance(double v) {
        return with(version, v, provenance, calibration, novelty, blend);
    }

    public SentimentModel withProvenance(String v, Provenance p) {
        return with(v, noiseVariance, p, calibration, novelty, blend);
    }

    /** The same model with this calibration and novelty model (either may be null). */
    public SentimentModel withCalibration(ConformalCalibration c, OovNovelty n) {
        return with(version, noiseVariance, provenance, c, n, blend);
    }

    /**
     * The same model blended with {@code b} (null: the network alone); its calibration is kept as
     * it is.
     */
    public SentimentModel withBlend(WideBlend b) {
        return with(version, noiseVariance, provenance, calibration, novelty, b);
    }

    /** The same network, vocabulary and sequence frame with these fitted parts. */
    private SentimentModel with(
            String version,
            double noiseVariance,
            Provenance provenance,
            ConformalCalibration calibration,
            OovNovelty novelty,
            WideBlend blend) {
        return new SentimentModel(
                version,
                net,
                params,
                vocabulary,
                tokenizer,
                maxLength,
                targetMean,
                targetStd,
                noiseVariance,
                provenance,
                calibration,
                novelty,
                blend);
    }

    public void save(Path file) throws IOException {
        ModelBundle.write(this, file);
    }

    /**
     * Loads and validates a bundle; a corrupt, truncated or incompatible file is refused with the
     * reason.
     */
    public static SentimentModel load(Path file) throws IOException {
        return ModelBundle.read(file);
    }
}
