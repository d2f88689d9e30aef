package dev.varsent.train;

import dev.varsent.bundle.Provenance;
import dev.varsent.model.SentimentModel;
import dev.varsent.nn.NetConfig;
import dev.varsent.nn.Params;
import dev.varsent.text.TokenizerSettings;
import dev.varsent.text.Vocabulary;
import java.time.Instant;
import java.util.Map;

/**
 * Everything a trained model holds besides its weights, noise level and provenance: the network,
 * how text is encoded, and the target standardisation. A training run fixes it up front and stamps
 * out models from it.
 */
record ModelFrame(
        NetConfig net,
        Vocabulary vocabulary,
        TokenizerSettings tokenizer,
        int maxLength,
        double targetMean,
        double targetStd) {
    /** What {@link Provenance#trainer()} says for models trained here. */
    static final String TRAINER = "varsent 0.1.0";

    static ModelFrame of(SentimentModel m) {
        return new ModelFrame(
                m.net(),
                m.vocabulary(),
                m.tokenizer(),
                m.maxLength(),
                m.targetMean(),
                m.targetStd());
    }

    double[] standardise(double[] ratings) {
        double[] s = new double[ratings.length];
        for (int i = 0; i < ratings.length; i++) {
            s[i] = (ratings[i] - targetMean) / targetStd;
        }
        return s;
    }

    /**
     * A model without a noise estimate (NaN), calibration, novelty model or blend, carrying {@code
     * params} as they are (not copied).
     */
    SentimentModel model(String version, Params params, Provenance provenance) {
        return new SentimentModel(
                version,
                net,
                params,
                vocabulary,
                tokenizer,
                maxLength,
                targetMean,
                targetStd,
                Double.NaN,
                provenance,
                null,
                null,
                null);
    }

    static Provenance provenance(
            String dataPath,
            String dataSha256,
            long seed,
            int epochs,
            String gitCommit,
            Map<String, Double> metrics,
            Map<String, String> notes) {
        return new Provenance(
                dataPath,
                dataSha256,
                seed,
                epochs,
                gitCommit,
                Instant.now(),
                TRAINER,
                metrics,
                notes);
    }
}
