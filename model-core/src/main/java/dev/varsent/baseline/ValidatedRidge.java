package dev.varsent.baseline;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bag-of-words ridge model whose features and lambda are chosen on a validation split of the
 * training side: the training texts are cut at {@link #VALIDATION_CUT} (moved forward to the next
 * change of group, so the texts of one review never sit on both sides), each candidate (a number of
 * bigram entries beside the words, and a lambda) is fitted on the first part and scored by RMSE on
 * the rest, and the best is refitted on all training texts with a vocabulary of all of them.
 *
 * @param bigrams the bigram entries of the chosen candidate (0: words alone)
 * @param validationRmse validation RMSE of each candidate, in the order tried
 * @param trainMean mean training target, the threshold a pos/neg call compares a score with
 */
public record ValidatedRidge(
        BagOfWords words,
        RidgeRegression.Model model,
        int bigrams,
        double lambda,
        Map<Candidate, Double> validationRmse,
        int fitRows,
        int validationRows,
        double trainMean) {

    /** A feature set and penalty tried on the validation split. */
    public record Candidate(int bigrams, double lambda) {
        /** {@code "0.3"} for words alone, {@code "bigrams_20000_lambda_0.3"} with bigrams. */
        public String label() {
            return bigrams == 0
                    ? String.valueOf(lambda)
                    : "bigrams_" + bigrams + "_lambda_" + lambda;
        }
    }

    public static final double VALIDATION_CUT = 0.8;

    /**
     * @param groups a group id per text (e.g. the review a segment belongs to); consecutive texts
     *     of a group stay on one side of the validation cut
     * @throws IllegalArgumentException if the sizes differ, no lambda is given, or the cut leaves a
     *     side empty
     */
    public static ValidatedRidge fit(
            List<List<String>> texts,
            double[] y,
            List<String> groups,
            int vocabularySize,
            double[] lambdas,
            RidgeRegression solver) {
        return fit(texts, y, groups, vocabularySize, new int[] {0}, lambdas, solver);
    }

    /**
     * As {@link #fit(List, double[], List, int, double[], RidgeRegression)}, choosing also among
     * {@code bigramSizes} (bigram entries beside the {@code vocabularySize} words; 0: none).
     */
    public static ValidatedRidge fit(
            List<List<String>> texts,
            double[] y,
            List<String> groups,
            int vocabularySize,
            int[] bigramSizes,
            double[] lambdas,
            RidgeRegression solver) {
        if (texts.size() != y.length || groups.size() != y.length) {
            throw new IllegalArgumentException(
                    texts.size()
                            + " texts, "
                            + y.length
                            + " targets, "
                            + groups.size()
                            + " groups");
        }
        if (lambdas.length == 0 || bigramSizes.length == 0) {
            throw new IllegalArgumentException("no candidate lambda or bigram size");
        }
        int cut = (int) Math.floor(y.length * VALIDATION_CUT);
        while (cut > 0 && cut < y.length && groups.get(cut).equals(groups.get(cut - 1))) {
            cut++;
        }
        if (cut == 0 || cut >= y.length) {
            throw new IllegalArgumentException(
                    "too few training texts (" + y.length + ") for a validation split");
        }
        List<List<String>> fitTexts = texts.subList(0, cut);
        List<List<String>> validationTexts = texts.subList(cut, texts.size());
        double[] fitY = Arrays.copyOfRange(y, 0, cut);
        double[] validationY = Arrays.copyOfRange(y, cut, y.length);
        Map<Candidate, Double> rmse = new LinkedHashMap<>();
        Candidate best = null;
        for (int bigrams : bigramSizes) {
            BagOfWords fitWords = BagOfWords.fit(fitTexts, vocabularySize, bigrams);
            SparseRows fitRows = fitWords.rows(fitTexts);
            SparseRows validationRows = fitWords.rows(validationTexts);
            for (double lambda : lambdas) {
                Candidate c = new Candidate(bigrams, lambda);
                double e =
                        rmse(
                                solver.fit(fitRows, fitY, lambda).predict(validationRows),
                                validationY);
                rmse.put(c, e);
                if (best == null || e < rmse.get(best)) {
                    best = c;
                }
            }
        }
        BagOfWords words = BagOfWords.fit(texts, vocabularySize, best.bigrams());
        RidgeRegression.Model model = solver.fit(words.rows(texts), y, best.lambda());
        return new ValidatedRidge(
                words, model, best.bigrams(), best.lambda(), rmse, cut, y.length - cut, mean(y));
    }

    /** The scores of {@code texts}. */
    public double[] predict(List<List<String>> texts) {
        return model.predict(words.rows(texts));
    }

    public static double rmse(double[] predicted, double[] y) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double e = predicted[i] - y[i];
            s += e * e;
        }
        return Math.sqrt(s / y.length);
    }

    public static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
