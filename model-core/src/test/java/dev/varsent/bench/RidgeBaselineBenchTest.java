package dev.varsent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RidgeBaselineBenchTest {

    private static final String[] POSITIVE = {"superb", "moving", "delightful", "brilliant"};
    private static final String[] NEGATIVE = {"tedious", "clumsy", "dreadful", "lifeless"};

    @TempDir Path dir;

    /** A review of 60 tokens whose share of positive words is its rating. */
    private static String review(Random random, double rating) {
        StringBuilder text = new StringBuilder();
        for (int t = 0; t < 60; t++) {
            double u = random.nextDouble();
            String word =
                    u < 0.3 * rating
                            ? POSITIVE[random.nextInt(4)]
                            : u < 0.3 ? NEGATIVE[random.nextInt(4)] : "w" + random.nextInt(300);
            text.append(word).append(' ');
        }
        return text.toString().strip();
    }

    private Path scaleData() throws IOException {
        Random random = new Random(11);
        for (String author : List.of("Ann", "Bob")) {
            Path folder = Files.createDirectories(dir.resolve("scale").resolve(author));
            List<String> texts = new ArrayList<>();
            List<String> ratings = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                double rating = random.nextInt(11) / 10.0;
                texts.add(review(random, rating));
                ratings.add(String.valueOf(rating));
                ids.add(String.valueOf(i));
            }
            Files.write(folder.resolve("subj." + author), texts);
            Files.write(folder.resolve("rating." + author), ratings);
            Files.write(folder.resolve("id." + author), ids);
        }
        return dir.resolve("scale");
    }

    @Test
    void fitsOnTheScaleDataAndScoresALabelledSet() throws IOException {
        Path scale = scaleData();
        Random random = new Random(12);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            boolean positive = i % 2 == 0;
            lines.add(
                    "{\"id\":\"r"
                            + i
                            + "\",\"text\":\""
                            + review(random, positive ? 0.9 : 0.1).toUpperCase()
                            + "\",\"label\":\""
                            + (positive ? "pos" : "neg")
                            + "\"}");
        }
        Path set = Files.write(dir.resolve("set.jsonl"), lines);

        List<ObjectNode> out =
                new RidgeBaselineBench(
                                scale,
                                List.of(set),
                                1,
                                500,
                                new int[] {0, 100},
                                new double[] {0.3, 1, 3})
                        .run();

        assertEquals(4, out.size());
        out.forEach(o -> assertEquals("ridge_baseline", o.get("metric").asText()));
        for (ObjectNode split : out.subList(0, 3)) {
            assertTrue(
                    split.get("test_rmse").asDouble()
                            < 0.7 * split.get("mean_predictor_test_rmse").asDouble(),
                    split.toString());
            // three lambdas, each with words alone and with 100 bigrams beside them
            assertEquals(6, split.get("validation_rmse").size());
            assertTrue(
                    split.get("validation_rmse").has("bigrams_100_lambda_0.3"), split.toString());
            int bigrams = split.get("bigrams").asInt();
            assertTrue(bigrams == 0 || bigrams == 100, split.toString());
            assertTrue(split.get("vocabulary").asInt() <= 500 + bigrams, split.toString());
        }
        assertEquals("paper_segments", out.get(0).get("split").asText());
        assertEquals("paper_reviews", out.get(1).get("split").asText());
        // Every review is 60 tokens, one segment each: the paper split is 240 / 60 reviews as well.
        assertEquals(240, out.get(1).get("train").asInt());
        assertEquals(60, out.get(1).get("test").asInt());
        assertEquals(240, out.get(2).get("train").asInt());
        assertEquals(60, out.get(2).get("test").asInt());
        ObjectNode labelled = out.get(3);
        assertEquals(60, labelled.get("examples").asInt());
        assertTrue(
                labelled.get("auroc_score").asDouble() > 0.95,
                labelled.toString()); // upper case: tokenizer lower-cases
        assertTrue(labelled.get("accuracy").asDouble() > 0.85, labelled.toString());
    }

    @Test
    void refusesARatingFileAsALabelledSet() throws IOException {
        Path scale = scaleData();
        Path ratings =
                Files.writeString(
                        dir.resolve("ratings.jsonl"),
                        "{\"id\":\"a\",\"text\":\"superb\",\"rating\":0.9}\n");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new RidgeBaselineBench(
                                                scale, List.of(ratings), 1, 500, new double[] {1})
                                        .run());
        assertTrue(e.getMessage().contains("takes pos/neg records"), e.getMessage());
    }
}
