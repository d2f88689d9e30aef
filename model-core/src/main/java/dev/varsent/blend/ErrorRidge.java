package dev.varsent.blend;

import dev.varsent.baseline.BagOfWords;
import dev.varsent.baseline.RidgeRegression;
import dev.varsent.baseline.SparseRows;
import dev.varsent.bundle.Provenance;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A bag-of-words ridge of the blend's ridge's own error: fitted on the network's training reviews
 * to predict |y - r|, r each review's out-of-fold ridge score ({@value #FOLDS} folds by a hash of
 * the review id, the blend's ridge penalty), on the blend's vocabulary. Its prediction, the
 * review's word error, is an input of the calibration's {@code ErrorScale}: which words come with
 * large errors (mixed verdicts, plot summaries without one) is what neither the MC spread nor the
 * disagreement of the two members showed on the calibration split: in the blend's error scale it
 * ranked the worst 20 % of the blend's errors there at 0.696 cross-fitted, against 0.586 without it
 * (docs/results/calibration.md).
 *
 * @param model the error ridge's weights, one per vocabulary column, and intercept
 * @param lambda its penalty ({@link #LAMBDA})
 */
public record ErrorRidge(RidgeRegression.Model model, double lambda) {
    public static final int FOLDS = 5;

    /**
     * The error ridge's penalty: in a prototype on the calibration split (cross-fitted, its own
     * bag-of-words weighting), 1, 3 and 10 ranked the errors alike (0.712-0.716), 30 a little
     * worse.
     */
    public static final double LAMBDA = 3;

    public static final String FOLD_SALT = "varsent-error-ridge-fold:";

    public ErrorRidge {
        Objects.requireNonNull(model, "model");
        if (!(lambda > 0) || !Double.isFinite(lambda) || !Double.isFinite(model.intercept())) {
            throw new IllegalArgumentException(
                    "error ridge: lambda must be positive and the intercept finite, got "
                            + lambda
                            + ", "
                            + model.intercept());
        }
        for (double w : model.weights()) {
            if (!Double.isFinite(w)) {
                throw new IllegalArgumentException("the error ridge holds a non-finite weight");
            }
        }
    }

    /**
     * @param words the blend's vocabulary
     * @param tokens the training reviews, tokenized
     * @param y their ratings
     * @param reviewIds their ids, which set the folds
     * @param ridgeLambda the blend's ridge penalty, for the out-of-fold scores
     * @throws IllegalArgumentException if the sizes differ or a fold is empty
     */
    public static ErrorRidge fit(
            BagOfWords words,
            List<List<String>> tokens,
            double[] y,
            List<String> reviewIds,
            double ridgeLambda,
            RidgeRegression solver) {
        int n = y.length;
        if (tokens.size() != n || reviewIds.size() != n) {
            throw new IllegalArgumentException(
                    tokens.size() + " reviews, " + n + " ratings, " + reviewIds.size() + " ids");
        }
        int[] fold = new int[n];
        int[] size = new int[FOLDS];
        for (int i = 0; i < n; i++) {
            fold[i] = fold(reviewIds.get(i));
            size[fold[i]]++;
        }
        double[] absErrors = new double[n];
        for (int f = 0; f < FOLDS; f++) {
            if (size[f] == 0 || size[f] == n) {
                throw new IllegalArgumentException(
                        "error ridge: fold " + f + " holds " + size[f] + " of " + n + " reviews");
            }
            int[] in = select(fold, f, false), out = select(fold, f, true);
            RidgeRegression.Model m =
                    solver.fit(words.rows(pick(tokens, in)), pick(y, in), ridgeLambda);
            double[] oof = m.predict(words.rows(pick(tokens, out)));
            for (int j = 0; j < out.length; j++) {
                absErrors[out[j]] = Math.abs(y[out[j]] - oof[j]);
            }
        }
        return new ErrorRidge(solver.fit(words.rows(tokens), absErrors, LAMBDA), LAMBDA);
    }

    /** The word error of each row. */
    public double[] predict(SparseRows rows) {
        return model.predict(rows);
    }

    static int fold(String reviewId) {
        byte[] d =
                Provenance.newSha256()
                        .digest((FOLD_SALT + reviewId).getBytes(StandardCharsets.UTF_8));
        return Math.floorMod(d[0] << 8 | (d[1] & 0xff), FOLDS);
    }

    private static int[] select(int[] fold, int f, boolean equal) {
        int count = 0;
        for (int v : fold) {
            count += (v == f) == equal ? 1 : 0;
        }
        int[] out = new int[count];
        for (int i = 0, k = 0; i < fold.length; i++) {
            if ((fold[i] == f) == equal) {
                out[k++] = i;
            }
        }
        return out;
    }

    private static double[] pick(double[] y, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = y[idx[i]];
        }
        return out;
    }

    private static List<List<String>> pick(List<List<String>> tokens, int[] idx) {
        List<List<String>> out = new ArrayList<>(idx.length);
        for (int i : idx) {
            out.add(tokens.get(i));
        }
        return out;
    }
}
