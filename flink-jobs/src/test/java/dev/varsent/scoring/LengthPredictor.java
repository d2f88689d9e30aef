package dev.varsent.scoring;

import dev.varsent.predict.Prediction;
import dev.varsent.predict.Predictor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * TEST ONLY: a deterministic stand-in for the MC dropout model, so that routing is predictable. The
 * score is the share of words in a fixed list of positive words; the "MC std" is {@code 0.3 /
 * sqrt(words)}, so with the 0.12 threshold a text of 6 words or fewer is doubtful and one of 7 or
 * more is confident. It ignores K except to report it as the sample count.
 */
public final class LengthPredictor implements Predictor {

    public static final String VERSION = "length-predictor-1";

    private static final Set<String> POSITIVE =
            Set.of(
                    "good",
                    "great",
                    "excellent",
                    "love",
                    "loved",
                    "perfect",
                    "amazing",
                    "best",
                    "nice",
                    "happy",
                    "recommend");

    @Override
    public String modelVersion() {
        return VERSION;
    }

    @Override
    public boolean isClassification() {
        return false;
    }

    @Override
    public List<Prediction> predict(List<String> texts, int k) {
        List<Prediction> predictions = new ArrayList<>(texts.size());
        for (String text : texts) {
            predictions.add(predictOne(text, k));
        }
        return predictions;
    }

    public static double std(String text) {
        return 0.3 / Math.sqrt(words(text).size());
    }

    private static Prediction predictOne(String text, int k) {
        List<String> words = words(text);
        int positive = 0;
        for (String word : words) {
            if (POSITIVE.contains(word)) {
                positive++;
            }
        }
        double score = (double) positive / words.size();
        return new Prediction(
                score, std(text), Double.NaN, null, Double.NaN, Double.NaN, Double.NaN, k);
    }

    /** The words of a text; a text without any still counts as one (empty) word. */
    private static List<String> words(String text) {
        List<String> words =
                Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+"))
                        .filter(w -> !w.isEmpty())
                        .toList();
        return words.isEmpty() ? List.of("") : words;
    }
}
