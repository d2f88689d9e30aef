package dev.varsent.baseline;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bag-of-words ridge model whose lambda is chosen on a validation split of the training side: the
 * training texts are cut at {@link #VALIDATION_CUT} (moved forward to the next change of group, so
 * the texts of one review never sit on both sides), each candidate is fitted on the first part and
 * scored by RMSE on the rest, and the best is refitted on all training texts with a vocabulary of
 * all of them.
 *
 * @param validationRmse validation RMSE of each candidate lambda, in the order given
 * @param trainMean mean training target, the threshold a pos/neg call compares a score with
 */
public record ValidatedRidge(
        BagOfWords words,
        RidgeRegression.Model model,
        double lambda,
        Map<Double, Double> validationRmse,
        int fitRows,
        int validationRows,
        double trainMean) {

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
        if (texts.size() != y.length || groups.size() != y.length) {
            throw new IllegalArgumentException(
                    texts.size()
                            + " texts, "
                            + y.length
                            + " targets, "
                            + groups.size()
                            + " groups");
        }
        if (lambdas.length == 0) {
            throw new IllegalArgumentException("no candidate lambda");
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
        BagOfWords fitWords = BagOfWords.fit(fitTexts, vocabularySize);
        SparseRows fitRows = fitWords.rows(fitTexts);
        SparseRows validationRows = fitWords.rows(validationTexts);
        Map<Double, Double> rmse = new LinkedHashMap<>();
        double best = lambdas[0];
        for (double lambda : lambdas) {
            double e = rmse(solver.fit(fitRows, fitY, lambda).predict(validationRows), validationY);
            rmse.put(lambda, e);
            if (e < rmse.get(best)) {
                best = lambda;
            }
        }
        BagOfWords words = BagOfWords.fit(texts, vocabularySize);
        RidgeRegression.Model model = solver.fit(words.rows(texts), y, best);
        return new ValidatedRidge(words, model, best, rmse, cut, y.length - cut, mean(y));
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
