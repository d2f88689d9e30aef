package dev.varsent.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.bundle.BundleContents;
import dev.varsent.bundle.BundleFile;
import dev.varsent.nn.CellType;
import dev.varsent.nn.DropoutMode;
import dev.varsent.nn.Head;
import dev.varsent.nn.NetConfig;
import dev.varsent.nn.Readout;
import dev.varsent.predict.Prediction;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pooled readouts and the heteroscedastic head through bundles and MC prediction. */
class HeteroscedasticModelTest {
    private static final List<String> TEXTS =
            List.of(
                    "The plot was brilliant and the acting great!",
                    "A boring, awful movie.",
                    "not good",
                    "");

    private static SentimentModel model(CellType cell, Readout readout, Head head) {
        NetConfig net =
                new NetConfig(
                        TestModels.vocabulary().size(),
                        8,
                        16,
                        head == Head.HETEROSCEDASTIC ? 2 : 1,
                        cell,
                        DropoutMode.VARIATIONAL_UNTIED,
                        0.25,
                        0.25,
                        0.25,
                        0.25,
                        1e-3,
                        readout,
                        head);
        return TestModels.small("test-" + readout + "-" + head, net, Double.NaN);
    }

    @Test
    void aMeanMaxHeteroscedasticBundleLoadsAndPredictsIdentically(@TempDir Path dir)
            throws Exception {
        for (CellType cell : CellType.values()) {
            SentimentModel m = model(cell, Readout.MEAN_MAX, Head.HETEROSCEDASTIC);
            Path f = dir.resolve(cell + ".bundle");
            m.save(f);
            SentimentModel back = SentimentModel.load(f);
            assertEquals(m.net(), back.net());
            assertEquals(Readout.MEAN_MAX, back.net().readout());
            assertEquals(Head.HETEROSCEDASTIC, back.net().head());
            for (int k : new int[] {1, 10}) {
                try (McPredictor a = m.predictor(9, 1);
                        McPredictor b = back.predictor(9, 1)) {
                    List<Prediction> pa = a.predict(TEXTS, k), pb = b.predict(TEXTS, k);
                    for (int i = 0; i < TEXTS.size(); i++) {
                        assertEquals(pa.get(i).score(), pb.get(i).score(), 0.0);
                        assertEquals(pa.get(i).std(), pb.get(i).std(), 0.0);
                        assertEquals(pa.get(i).aleatoricStd(), pb.get(i).aleatoricStd(), 0.0);
                        assertTrue(
                                pa.get(i).aleatoricStd() > 0,
                                "the head predicts a noise level per text");
                    }
                }
            }
        }
    }

    @Test
    void aBundleWrittenBeforeReadoutsAndHeadsLoadsAsTheSameLastStateGaussianModel(@TempDir Path dir)
            throws Exception {
        SentimentModel m =
                model(CellType.LSTM, Readout.LAST, Head.GAUSSIAN).withNoiseVariance(0.01);
        BundleContents c = ModelBundle.toContents(m);
        ObjectNode hp = c.hyperParameters();
        ((ObjectNode) hp.get("net")).remove(List.of("readout", "head"));
        assertTrue(!hp.get("net").has("readout") && !hp.get("net").has("head"));
        Path f = dir.resolve("old.bundle");
        BundleFile.write(c.withHyperParameters(hp), f);
        SentimentModel back = SentimentModel.load(f);
        assertEquals(m.net(), back.net());
        try (McPredictor a = m.predictor(3, 1);
                McPredictor b = back.predictor(3, 1)) {
            assertEquals(
                    a.predict(TEXTS, 10).get(0).score(), b.predict(TEXTS, 10).get(0).score(), 0.0);
        }
    }

    @Test
    void twoColumnsDecodeAsTheMeanAndThePerSampleVariance() {
        // 2 texts x 2 samples, rows of (standardised mean, log variance in standardised units).
        float[] y = {0.5f, 0f, 1.5f, (float) Math.log(3), -1f, -2f, -1f, -2f};
        double mean = 0.6, std = 0.2;
        List<Prediction> p = McSummary.regression(y, 2, 2, mean, std, 0.5);
        assertEquals(mean + std, p.get(0).score(), 1e-6);
        assertEquals(0.5 * std, p.get(0).std(), 1e-6, "MC std of the means, in rating units");
        assertEquals(
                Math.sqrt((1 + 3) / 2.0) * std,
                p.get(0).aleatoricStd(),
                1e-6,
                "sqrt of the mean of exp(s) std^2 over the samples; the homoscedastic noise level is not used");
        assertEquals(mean - std, p.get(1).score(), 1e-6);
        assertEquals(0, p.get(1).std(), 1e-6);
        assertEquals(Math.exp(-1) * std, p.get(1).aleatoricStd(), 1e-6);
        assertEquals(
                Math.sqrt(0.5),
                McSummary.regression(new float[] {0.5f, 1.5f}, 1, 2, mean, std, 0.5)
                        .get(0)
                        .aleatoricStd(),
                1e-12,
                "one column keeps the model's noise level");
    }
}
