package dev.varsent.active;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.data.Review;
import dev.varsent.data.ScaleData;
import dev.varsent.nn.CellType;
import dev.varsent.nn.DropoutMode;
import dev.varsent.train.LabelledText;
import dev.varsent.train.TrainingOptions;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay on a tiny configuration: 100 short scale-data texts, a network of 8 units, two rounds.
 */
class ActiveLearningExperimentTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    private static ActiveLearningConfig tiny(boolean warm) {
        TrainingOptions t =
                new TrainingOptions(
                        Path.of("unused"),
                        Path.of("unused"),
                        "al",
                        4,
                        1,
                        16,
                        1e-2,
                        5.0,
                        500,
                        30,
                        8,
                        8,
                        CellType.LSTM,
                        DropoutMode.VARIATIONAL_UNTIED,
                        0.25,
                        1e-5,
                        3,
                        1,
                        1,
                        0);
        return new ActiveLearningConfig(t, 0, 0, 0.25, 10, 2, warm, 0, false);
    }

    private static ReplayData tinyData() {
        List<LabelledText> texts = new ArrayList<>();
        for (Review r : ScaleData.load(ScaleData.defaultDir()).subList(0, 100)) {
            String[] words = r.text().split("\\s+");
            texts.add(
                    new LabelledText(
                            r.id(),
                            String.join(" ", List.of(words).subList(0, Math.min(25, words.length))),
                            r.rating()));
        }
        return new ReplayData(texts.subList(0, 60), texts.subList(60, 100));
    }

    @Test
    void everyStrategyStartsFromTheSameSeedSetAndSpendsTheSameBudget(@TempDir Path dir)
            throws Exception {
        ActiveLearningExperiment experiment = new ActiveLearningExperiment(tiny(true), QUIET);
        assertEquals(
                experiment.seedSet(60),
                experiment.seedSet(60),
                "the seed set is fixed by the seed");
        assertEquals(15, experiment.seedSet(60).size(), "25 % of the pool");
        assertEquals(15, new HashSet<>(experiment.seedSet(60)).size());

        ActiveLearningResult result = experiment.run(tinyData());
        assertEquals(ActiveLearningConfig.ALL_STRATEGIES, List.copyOf(result.curves().keySet()));
        assertEquals(
                result.curves().get(Strategy.EPISTEMIC),
                result.uncertainty(),
                "epistemic is the headline");
        for (Strategy s : ActiveLearningConfig.ALL_STRATEGIES) {
            List<RoundResult> curve = result.curves().get(s);
            assertEquals(3, curve.size());
            assertEquals(result.random().get(0), curve.get(0), "one seed model, evaluated once");
            for (int round = 0; round <= 2; round++) {
                assertEquals(15 + 10 * round, curve.get(round).labels());
                assertTrue(curve.get(round).rmse() > 0 && curve.get(round).rmse() < 1);
            }
        }
        assertTrue(result.meanBaselineRmse() > 0);

        ObjectNode json = result.toJson();
        assertEquals("active_learning", json.get("metric").asText());
        assertEquals(35, json.get("labels_random").asInt());
        assertEquals(3, json.get("curves").get("uncertainty").size());
        assertEquals(json.get("curves").get("epistemic"), json.get("curves").get("uncertainty"));
        assertEquals(3, json.get("curves").get("total").size());
        assertEquals("epistemic", json.get("uncertainty_strategy").asText());
        assertEquals("[\"random\",\"epistemic\",\"total\"]", json.get("strategies").toString());
        assertEquals(
                json.get("labels_uncertainty"),
                json.get("efficiency").get("epistemic").get("labels"));
        assertTrue(json.get("efficiency").has("total"));
        assertFalse(json.get("efficiency").has("random"));
        assertEquals(json.get("labels_uncertainty").isNull(), json.get("ratio").isNull());
        result.writeChart(dir.resolve("curve.png"));
        assertEquals(900, ImageIO.read(dir.resolve("curve.png").toFile()).getWidth());
        assertTrue(Files.size(dir.resolve("curve.png")) > 1000);
    }

    @Test
    void fromScratchRetrainsOnAllLabels() {
        ActiveLearningResult result =
                new ActiveLearningExperiment(tiny(false), QUIET).run(tinyData());
        assertEquals(35, result.random().get(2).labels());
        assertFalse(result.config().warmStart());
    }

    @Test
    void aSubsetOfStrategiesRunsInItsOrderAndTheFirstUncertaintyOneIsTheHeadline() {
        ActiveLearningConfig base = tiny(true);
        ActiveLearningConfig config =
                new ActiveLearningConfig(
                        base.training(),
                        0,
                        0,
                        0.25,
                        10,
                        1,
                        true,
                        0,
                        false,
                        List.of(Strategy.TOTAL, Strategy.RANDOM));
        ActiveLearningResult result = new ActiveLearningExperiment(config, QUIET).run(tinyData());
        assertEquals(
                List.of(Strategy.TOTAL, Strategy.RANDOM), List.copyOf(result.curves().keySet()));
        assertEquals(Strategy.TOTAL, config.headlineStrategy());
        JsonNode json = result.toJson();
        assertEquals("total", json.get("uncertainty_strategy").asText());
        assertFalse(json.get("curves").has("epistemic"));
        assertEquals(json.get("curves").get("total"), json.get("curves").get("uncertainty"));

        for (List<Strategy> bad :
                List.of(
                        List.of(Strategy.EPISTEMIC),
                        List.of(Strategy.RANDOM),
                        List.of(Strategy.RANDOM, Strategy.TOTAL, Strategy.TOTAL))) {
            assertThrows(
                    IllegalArgumentException.class,
                    () ->
                            new ActiveLearningConfig(
                                    base.training(), 0, 0, 0.25, 10, 1, true, 0, false, bad),
                    bad.toString());
        }
        assertEquals(Strategy.EPISTEMIC, Strategy.of(" Epistemic"));
        assertThrows(IllegalArgumentException.class, () -> Strategy.of("uncertainty"));
    }

    @Test
    void uncertaintyRoutingTakesTheMostUncertainAndRandomTakesDistinctItems() {
        List<Integer> unlabelled = List.of(10, 11, 12, 13, 14);
        double[] u = {0.1, 0.5, 0.3, 0.5, 0.05};
        for (Strategy s : List.of(Strategy.EPISTEMIC, Strategy.TOTAL)) {
            assertEquals(List.of(11, 13, 12), s.select(unlabelled, u, null, 0, 3, new Random(1)));
            assertEquals(
                    unlabelled.size(), s.select(unlabelled, u, null, 0, 9, new Random(1)).size());
        }
        List<Integer> random = Strategy.RANDOM.select(unlabelled, null, null, 0, 3, new Random(1));
        assertEquals(3, new HashSet<>(random).size());
        assertTrue(unlabelled.containsAll(random));
        assertThrows(
                IllegalArgumentException.class,
                () -> Strategy.EPISTEMIC.select(unlabelled, null, null, 0, 3, new Random(1)));
    }

    @Test
    void aPerReviewCapSpreadsTheBatchOverReviewsAndStillSpendsTheBudget() {
        List<Integer> unlabelled = List.of(10, 11, 12, 13, 14, 15);
        double[] u = {0.9, 0.8, 0.7, 0.6, 0.5, 0.1};
        List<String> reviews = List.of("a", "a", "a", "b", "b", "c");
        assertEquals(
                List.of(10, 13, 15),
                Strategy.EPISTEMIC.select(unlabelled, u, reviews, 1, 3, new Random(1)),
                "the most uncertain segment of each review, not the top three of review a");
        assertEquals(
                List.of(10, 11, 13, 14),
                Strategy.EPISTEMIC.select(unlabelled, u, reviews, 2, 4, new Random(1)));
        assertEquals(
                List.of(10, 13, 15, 11, 12),
                Strategy.EPISTEMIC.select(unlabelled, u, reviews, 1, 5, new Random(1)),
                "when the capped pass runs short, the most uncertain skipped segments fill it");
        assertEquals(
                6,
                new HashSet<>(
                                Strategy.EPISTEMIC.select(
                                        unlabelled, u, reviews, 1, 9, new Random(1)))
                        .size());
        assertThrows(
                IllegalArgumentException.class,
                () -> Strategy.EPISTEMIC.select(unlabelled, u, null, 1, 3, new Random(1)));
        assertEquals("1234", ReplayData.reviewOf(new LabelledText("1234#2", "x", 0.5)));
        assertEquals("plain", ReplayData.reviewOf(new LabelledText("plain", "x", 0.5)));
    }

    @Test
    void labelEfficiencyIsTheFirstCountReachingRandomsFinalRmse() {
        List<RoundResult> random =
                List.of(
                        new RoundResult(0, 100, 0.20, 1),
                        new RoundResult(1, 200, 0.19, 1),
                        new RoundResult(2, 300, 0.18, 1),
                        new RoundResult(3, 400, 0.17, 1));
        List<RoundResult> better =
                List.of(
                        new RoundResult(0, 100, 0.20, 1),
                        new RoundResult(1, 200, 0.171, 1),
                        new RoundResult(2, 300, 0.169, 1),
                        new RoundResult(3, 400, 0.165, 1));
        LabelEfficiency e = LabelEfficiency.of(random, better);
        assertEquals(400, e.labelsRandom());
        assertEquals(300, e.labelsUncertainty());
        assertEquals(0.75, e.ratio(), 1e-12);
        assertFalse(e.targetMet());

        List<RoundResult> fast =
                List.of(new RoundResult(0, 100, 0.20, 1), new RoundResult(1, 200, 0.17, 1));
        LabelEfficiency half = LabelEfficiency.of(random, fast);
        assertEquals(200, half.labelsUncertainty());
        assertTrue(half.targetMet(), "exactly half the labels meets the target");

        List<RoundResult> worse =
                List.of(
                        new RoundResult(0, 100, 0.20, 1),
                        new RoundResult(1, 200, 0.19, 1),
                        new RoundResult(3, 400, 0.1701, 1));
        LabelEfficiency never = LabelEfficiency.of(random, worse);
        assertNull(never.labelsUncertainty());
        assertNull(never.ratio());
        assertFalse(never.targetMet());

        ActiveLearningResult result =
                new ActiveLearningResult(
                        tiny(true),
                        60,
                        40,
                        0.2,
                        java.util.Map.of(
                                Strategy.RANDOM,
                                random,
                                Strategy.EPISTEMIC,
                                worse,
                                Strategy.TOTAL,
                                fast),
                        1.0);
        JsonNode json = result.toJson();
        assertTrue(json.get("labels_uncertainty").isNull());
        assertTrue(json.get("ratio").isNull());
        assertEquals(400, json.get("labels_random").asInt());
        assertFalse(json.get("target_met").asBoolean());
        assertTrue(json.get("efficiency").get("epistemic").get("labels").isNull());
        assertEquals(200, json.get("efficiency").get("total").get("labels").asInt());
        assertTrue(json.get("efficiency").get("total").get("target_met").asBoolean());
    }

    @Test
    void replayDataKeepsTheEvaluationSetApartFromThePool() {
        List<Review> reviews = ScaleData.load(ScaleData.defaultDir()).subList(0, 200);
        TrainingOptions t = tiny(true).training();
        for (boolean validation : List.of(false, true)) {
            ReplayData d =
                    ReplayData.of(
                            reviews,
                            new ActiveLearningConfig(t, 300, 100, 0.1, 10, 1, true, 0, validation));
            assertEquals(300, d.pool().size());
            assertEquals(100, d.evaluation().size());
            HashSet<String> poolIds = new HashSet<>();
            d.pool().forEach(x -> poolIds.add(x.id()));
            assertTrue(d.evaluation().stream().noneMatch(x -> poolIds.contains(x.id())));
        }
    }
}
