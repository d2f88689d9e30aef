package dev.varsent.uncertainty;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Split-conformal calibration of the regression intervals (normalised conformity scores, e.g. Angelopoulos
 * and Bates 2021, Sec. 2.3), with the off-domain signal folded into the scale.
 *
 * <p>The scale of a prediction with total std t and novelty v is sqrt(t^2 + (v * s0)^2), where s0
 * ({@code noveltyStd}) is the median total std of the calibration predictions: each unit of novelty adds
 * one typical in-domain std in quadrature, so text unlike the training corpus is uncertain even where
 * the network's own spread stays small (the MC std of short off-domain sentences is often smaller than
 * that of in-domain reviews). In-domain text (novelty 0) keeps its std. A NaN novelty counts as 0.
 *
 * <p>On n calibration reviews the conformity score is |y - score| / scale (the plain residual when the
 * scale is 0 or not finite). The quantile at level a is the ceil((n + 1) a)-th smallest score (+infinity
 * when that rank exceeds n), so that a fresh exchangeable review satisfies
 * P(|y - score| <= q_a * scale) >= a. The level {@link #ONE_SD} gives the calibrated total std: the
 * half-width that covers as much as one standard deviation of a normal does.
 *
 * @param n          calibration reviews the quantiles come from
 * @param table      the conformal quantile at each level, levels strictly increasing
 * @param noveltyStd s0, the std one unit of novelty adds in quadrature
 * @param split      how the calibration split was cut (for provenance)
 * @param idsSha256  SHA-256 (lower-case hex) of the calibration ids, one per line in split order
 */
public record ConformalCalibration(int n, List<Level> table, double noveltyStd, String split, String idsSha256) {
    /** P(|Z| <= 1) for a standard normal Z. */
    public static final double ONE_SD = 0.6827;
    /** The levels every fit stores. */
    public static final List<Double> DEFAULT_LEVELS = List.of(0.5, ONE_SD, 0.8, 0.9, 0.95, 0.99);

    /** One row of the table: the conformal quantile of the normalised scores at {@code level}. */
    public record Level(double level, double quantile) {
        public Level {
            if (!(level > 0 && level < 1)) {
                throw new IllegalArgumentException("calibration level must lie in (0, 1), got " + level);
            }
            if (!(quantile >= 0)) {
                throw new IllegalArgumentException("conformal quantile at " + level + " must be >= 0, got " + quantile);
            }
        }
    }

    public ConformalCalibration {
        if (n < 1) {
            throw new IllegalArgumentException("a calibration needs at least one example, got n = " + n);
        }
        if (!(noveltyStd >= 0 && Double.isFinite(noveltyStd))) {
            throw new IllegalArgumentException("noveltyStd must be a finite number >= 0, got " + noveltyStd);
        }
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(idsSha256, "idsSha256");
        table = List.copyOf(table);
        if (table.stream().noneMatch(l -> l.level() == ONE_SD)) {
            throw new IllegalArgumentException("a calibration table must hold the level " + ONE_SD);
        }
        for (int i = 1; i < table.size(); i++) {
            if (!(table.get(i).level() > table.get(i - 1).level())) {
                throw new IllegalArgumentException("calibration levels must increase: " + table);
            }
            if (table.get(i).quantile() < table.get(i - 1).quantile()) {
                throw new IllegalArgumentException("conformal quantiles must not decrease with the level: " + table);
            }
        }
    }

    /**
     * Fits the table at {@link #DEFAULT_LEVELS} from the calibration reviews' ratings, predicted scores, total
     * stds and novelties (NaN when the model has no novelty model).
     */
    public static ConformalCalibration fit(double[] ratings, double[] scores, double[] totalStds, double[] novelties,
                                           String split, String idsSha256) {
        return fit(ratings, scores, totalStds, novelties, DEFAULT_LEVELS, split, idsSha256);
    }

    public static ConformalCalibration fit(double[] ratings, double[] scores, double[] totalStds, double[] novelties,
                                           List<Double> levels, String split, String idsSha256) {
        int n = ratings.length;
        if (n == 0) {
            throw new IllegalArgumentException("no calibration examples: the calibration split is empty");
        }
        if (scores.length != n || totalStds.length != n || novelties.length != n) {
            throw new IllegalArgumentException("calibration arrays differ in length: " + n + " ratings, "
                    + scores.length + " scores, " + totalStds.length + " stds, " + novelties.length + " novelties");
        }
        double noveltyStd = median(totalStds);
        double[] sorted = new double[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = score(ratings[i], scores[i], scale(totalStds[i], novelties[i], noveltyStd));
            if (!(sorted[i] >= 0)) {
                throw new IllegalArgumentException("calibration example " + i + " has rating " + ratings[i]
                        + " and score " + scores[i] + ": every calibration prediction needs a finite score");
            }
        }
        Arrays.sort(sorted);
        List<Level> table = levels.stream().sorted().map(a -> {
            // 1e-9 keeps (n + 1) * a = 9.000000000000002 from ranking 10th.
            long rank = (long) Math.ceil((n + 1) * a - 1e-9);
            return new Level(a, rank > n ? Double.POSITIVE_INFINITY : sorted[(int) Math.max(1, rank) - 1]);
        }).toList();
        return new ConformalCalibration(n, table, noveltyStd, split, idsSha256);
    }

    /** The median of the finite values (0 when there are none). */
    private static double median(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return 0;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
    }

    /** The scale of a prediction: sqrt(totalStd^2 + (novelty * noveltyStd)^2). */
    public static double scale(double totalStd, double novelty, double noveltyStd) {
        double extra = Double.isNaN(novelty) ? 0 : novelty * noveltyStd;
        return Math.sqrt(totalStd * totalStd + extra * extra);
    }

    /** {@link #scale(double, double, double)} with this calibration's novelty std. */
    public double scale(double totalStd, double novelty) {
        return scale(totalStd, novelty, noveltyStd);
    }

    /** The conformity score of one calibration review: its residual in units of {@code scale}. */
    public static double score(double rating, double prediction, double scale) {
        double residual = Math.abs(rating - prediction);
        return scale > 0 && Double.isFinite(scale) ? residual / scale : residual;
    }

    /** The conformal quantile at {@code level}, which must be one of the table's levels. */
    public double quantile(double level) {
        for (Level l : table) {
            if (Math.abs(l.level() - level) < 1e-9) {
                return l.quantile();
            }
        }
        throw new IllegalArgumentException("interval level " + level + " is not calibrated; calibrated levels are "
                + levels());
    }

    public List<Double> levels() {
        return table.stream().map(Level::level).toList();
    }

    /** The factor that turns a prediction's scale into its calibrated total std. */
    public double oneSdFactor() {
        return quantile(ONE_SD);
    }

    /** The half-width of the interval at {@code level} for a prediction of this scale (see {@link #score}). */
    public double halfWidth(double level, double scale) {
        return quantile(level) * (scale > 0 && Double.isFinite(scale) ? scale : 1);
    }
}
