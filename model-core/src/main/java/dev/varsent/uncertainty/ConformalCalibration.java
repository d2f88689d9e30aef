package dev.varsent.uncertainty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Split-conformal calibration of the regression intervals (normalised conformity scores, e.g.
 * Angelopoulos and Bates 2021, Sec. 2.3), conditional on the number of segments scored (Mondrian
 * bands, Vovk et al. 2005, Sec. 4.5), with the off-domain signal folded into the scale.
 *
 * <p>The base scale b of a prediction is its {@link ErrorScale} when the calibration has one (the
 * learned size of its error), else its total std. The scale of a prediction with novelty v is
 * sqrt(b^2 + (v * s0)^2), where s0 ({@code noveltyStd}) is the median base scale of the calibration
 * predictions: each unit of novelty adds one typical in-domain scale in quadrature, so text unlike
 * the training corpus is uncertain even where the network's own spread stays small. In-domain text
 * (novelty 0) keeps its base scale. A NaN novelty counts as 0.
 *
 * <p>The conformity score is |y - score| / scale (the plain residual when the scale is 0 or not
 * finite). The quantile at level a of n scores is the ceil((n + 1) a)-th smallest (+infinity when
 * that rank exceeds n), so that a fresh exchangeable prediction satisfies P(|y - score| <= q_a *
 * scale) >= a. A review's mean over S segments errs less, relative to its spread, than one segment
 * does, so one table for all would over-cover whole reviews and under-cover single segments: each
 * {@link Band} of segment counts has its own table, and the guarantee holds within each band. A
 * calibration without bands (older bundles) uses {@code table} for every prediction. The level
 * {@link #ONE_SD} gives the calibrated total std: the half-width that covers as much as one
 * standard deviation of a normal does.
 *
 * @param n calibration examples the fit was given
 * @param table the conformal quantile at each level over all conformity scores, levels strictly
 *     increasing
 * @param noveltyStd s0, the scale one unit of novelty adds in quadrature
 * @param split how the calibration split was cut (for provenance)
 * @param idsSha256 SHA-256 (lower-case hex) of the calibration ids, one per line in split order
 * @param bands tables by segment count, the first from 1 segment, increasing; empty = {@code table}
 *     for all
 * @param errorScale the learned base scale; null = the total std
 * @param noveltyFence novelty up to this counts as in-domain and adds nothing to the scale; only
 *     the excess max(0, v - fence) does. {@link #NOVELTY_FENCE} for a banded fit, 0 for older
 *     bundles (whose fit had no fence)
 * @param decisionFactor the factor on the decision sd of the wrong-side probability ({@link
 *     DecisionRisk#fitFactor}), fitted on the same split; 1 for bundles before it
 */
public record ConformalCalibration(
        int n,
        List<Level> table,
        double noveltyStd,
        String split,
        String idsSha256,
        List<Band> bands,
        ErrorScale errorScale,
        double noveltyFence,
        double decisionFactor) {
    /** P(|Z| <= 1) for a standard normal Z. */
    public static final double ONE_SD = 0.6827;

    /** The levels every fit stores. */
    public static final List<Double> DEFAULT_LEVELS = List.of(0.5, ONE_SD, 0.8, 0.9, 0.95, 0.99);

    /**
     * The fewest conformity scores in a band: enough for a finite quantile at 0.99 (ceil(101 *
     * 0.99) = 100).
     */
    public static final int MIN_BAND_SIZE = 100;

    /**
     * The novelty fence of a banded fit: Tukey's outer-quartile fence Q3 + 1.5 IQR, which for a
     * symmetric spread is the median + 2 IQR, i.e. novelty 2; 2 % of the local default model's
     * calibration examples lie beyond it.
     */
    public static final double NOVELTY_FENCE = 2.0;

    /** One row of the table: the conformal quantile of the normalised scores at {@code level}. */
    public record Level(double level, double quantile) {
        public Level {
            if (!(level > 0 && level < 1)) {
                throw new IllegalArgumentException(
                        "calibration level must lie in (0, 1), got " + level);
            }
            if (!(quantile >= 0)) {
                throw new IllegalArgumentException(
                        "conformal quantile at " + level + " must be >= 0, got " + quantile);
            }
        }
    }

    /**
     * The table of the predictions scored on at least {@code minSegments} segments (and fewer than
     * the next band's), from {@code n} conformity scores.
     */
    public record Band(int minSegments, int n, List<Level> table) {
        public Band {
            if (minSegments < 1 || n < 1) {
                throw new IllegalArgumentException(
                        "a band starts at >= 1 segment and has >= 1 score, got "
                                + minSegments
                                + " and "
                                + n);
            }
            table = checkedTable(table);
        }
    }

    /**
     * A calibration with one table for every prediction, scaled by the total std (the layout before
     * bands).
     */
    public ConformalCalibration(
            int n, List<Level> table, double noveltyStd, String split, String idsSha256) {
        this(n, table, noveltyStd, split, idsSha256, List.of(), null, 0);
    }

    /** A calibration without a fitted decision factor (1). */
    public ConformalCalibration(
            int n,
            List<Level> table,
            double noveltyStd,
            String split,
            String idsSha256,
            List<Band> bands,
            ErrorScale errorScale,
            double noveltyFence) {
        this(n, table, noveltyStd, split, idsSha256, bands, errorScale, noveltyFence, 1);
    }

    /** The same calibration with this decision factor. */
    public ConformalCalibration withDecisionFactor(double factor) {
        return new ConformalCalibration(
                n, table, noveltyStd, split, idsSha256, bands, errorScale, noveltyFence, factor);
    }

    public ConformalCalibration {
        if (n < 1) {
            throw new IllegalArgumentException(
                    "a calibration needs at least one example, got n = " + n);
        }
        if (!(noveltyStd >= 0 && Double.isFinite(noveltyStd))) {
            throw new IllegalArgumentException(
                    "noveltyStd must be a finite number >= 0, got " + noveltyStd);
        }
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(idsSha256, "idsSha256");
        if (!(noveltyFence >= 0 && Double.isFinite(noveltyFence))) {
            throw new IllegalArgumentException(
                    "noveltyFence must be a finite number >= 0, got " + noveltyFence);
        }
        if (!(decisionFactor > 0 && Double.isFinite(decisionFactor))) {
            throw new IllegalArgumentException(
                    "decisionFactor must be a finite number > 0, got " + decisionFactor);
        }
        table = checkedTable(table);
        bands = List.copyOf(bands);
        for (int i = 0; i < bands.size(); i++) {
            Band b = bands.get(i);
            if (i == 0 ? b.minSegments() != 1 : b.minSegments() <= bands.get(i - 1).minSegments()) {
                throw new IllegalArgumentException(
                        "bands must start at 1 segment and increase: " + bands);
            }
            if (!levelsOf(b.table()).equals(levelsOf(table))) {
                throw new IllegalArgumentException(
                        "band from "
                                + b.minSegments()
                                + " segments has levels "
                                + levelsOf(b.table())
                                + ", the table "
                                + levelsOf(table));
            }
        }
    }

    private static List<Level> checkedTable(List<Level> table) {
        table = List.copyOf(table);
        if (table.stream().noneMatch(l -> l.level() == ONE_SD)) {
            throw new IllegalArgumentException("a calibration table must hold the level " + ONE_SD);
        }
        for (int i = 1; i < table.size(); i++) {
            if (!(table.get(i).level() > table.get(i - 1).level())) {
                throw new IllegalArgumentException("calibration levels must increase: " + table);
            }
            if (table.get(i).quantile() < table.get(i - 1).quantile()) {
                throw new IllegalArgumentException(
                        "conformal quantiles must not decrease with the level: " + table);
            }
        }
        return table;
    }

    /**
     * One table for all, scaled by the total std, at {@link #DEFAULT_LEVELS}, from the calibration
     * reviews' ratings, predicted scores, total stds and novelties (NaN when the model has no
     * novelty model).
     */
    public static ConformalCalibration fit(
            double[] ratings,
            double[] scores,
            double[] totalStds,
            double[] novelties,
            String split,
            String idsSha256) {
        return fit(ratings, scores, totalStds, novelties, DEFAULT_LEVELS, split, idsSha256);
    }

    public static ConformalCalibration fit(
            double[] ratings,
            double[] scores,
            double[] totalStds,
            double[] novelties,
            List<Double> levels,
            String split,
            String idsSha256) {
        int[] one = new int[ratings.length];
        Arrays.fill(one, 1);
        return fit(
                ratings,
                scores,
                totalStds,
                novelties,
                one,
                null,
                0,
                ratings.length,
                levels,
                split,
                idsSha256);
    }

    /**
     * The banded fit: {@code baseScales} are each conformity example's base scale (its {@code
     * errorScale} value, or its total std when that is null) and {@code segments} the segments it
     * was scored on. Bands are cut by {@link #bands(int[])}; {@code examples} is the number of
     * calibration examples they came from.
     */
    public static ConformalCalibration fit(
            double[] ratings,
            double[] scores,
            double[] baseScales,
            double[] novelties,
            int[] segments,
            ErrorScale errorScale,
            double noveltyFence,
            int examples,
            List<Double> levels,
            String split,
            String idsSha256) {
        int n = ratings.length;
        if (n == 0) {
            throw new IllegalArgumentException(
                    "no calibration examples: the calibration split is empty");
        }
        if (scores.length != n
                || baseScales.length != n
                || novelties.length != n
                || segments.length != n) {
            throw new IllegalArgumentException(
                    "calibration arrays differ in length: "
                            + n
                            + " ratings, "
                            + scores.length
                            + " scores, "
                            + baseScales.length
                            + " scales, "
                            + novelties.length
                            + " novelties, "
                            + segments.length
                            + " segment counts");
        }
        double noveltyStd = median(baseScales);
        double[] conformity = new double[n];
        for (int i = 0; i < n; i++) {
            conformity[i] =
                    score(
                            ratings[i],
                            scores[i],
                            scale(baseScales[i], novelties[i], noveltyStd, noveltyFence));
            if (!(conformity[i] >= 0)) {
                throw new IllegalArgumentException(
                        "calibration example "
                                + i
                                + " has rating "
                                + ratings[i]
                                + " and score "
                                + scores[i]
                                + ": every calibration prediction needs a finite score");
            }
        }
        List<Integer> starts = bands(segments);
        List<Band> bands = new ArrayList<>();
        for (int b = 0; starts.size() > 1 && b < starts.size(); b++) {
            int from = starts.get(b),
                    to = b + 1 < starts.size() ? starts.get(b + 1) : Integer.MAX_VALUE;
            double[] in =
                    IntStream.range(0, n)
                            .filter(i -> segments[i] >= from && segments[i] < to)
                            .mapToDouble(i -> conformity[i])
                            .toArray();
            bands.add(new Band(from, in.length, table(in, levels)));
        }
        return new ConformalCalibration(
                examples,
                table(conformity, levels),
                noveltyStd,
                split,
                idsSha256,
                bands,
                errorScale,
                noveltyFence);
    }

    /**
     * Where the bands start: from 1 segment, each band takes the next segment counts until it holds
     * at least {@link #MIN_BAND_SIZE} scores; a last band smaller than that joins the one before.
     * One band (a list of just 1) when there are too few scores for two.
     */
    public static List<Integer> bands(int[] segments) {
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        for (int s : segments) {
            if (s < 1) {
                throw new IllegalArgumentException(
                        "a prediction is scored on at least 1 segment, got " + s);
            }
            counts.merge(s, 1, Integer::sum);
        }
        List<Integer> starts = new ArrayList<>(List.of(1));
        int inBand = 0;
        for (var e : counts.entrySet()) {
            if (inBand >= MIN_BAND_SIZE) {
                starts.add(e.getKey());
                inBand = 0;
            }
            inBand += e.getValue();
        }
        if (starts.size() > 1 && inBand < MIN_BAND_SIZE) {
            starts.remove(starts.size() - 1);
        }
        return starts;
    }

    /** The conformal quantile table of these conformity scores at {@code levels}. */
    private static List<Level> table(double[] conformity, List<Double> levels) {
        double[] sorted = conformity.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return levels.stream()
                .sorted()
                .map(
                        a -> {
                            // 1e-9 keeps (n + 1) * a = 9.000000000000002 from ranking 10th.
                            long rank = (long) Math.ceil((n + 1) * a - 1e-9);
                            return new Level(
                                    a,
                                    rank > n
                                            ? Double.POSITIVE_INFINITY
                                            : sorted[(int) Math.max(1, rank) - 1]);
                        })
                .toList();
    }

    /** The median of the finite values (0 when there are none). */
    private static double median(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return 0;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
    }

    /** The scale of a prediction: sqrt(base^2 + (max(0, novelty - fence) * noveltyStd)^2). */
    public static double scale(double base, double novelty, double noveltyStd, double fence) {
        double extra = Double.isNaN(novelty) ? 0 : Math.max(0, novelty - fence) * noveltyStd;
        return Math.sqrt(base * base + extra * extra);
    }

    /**
     * {@link #scale(double, double, double, double)} with this calibration's novelty std and fence.
     */
    public double scale(double base, double novelty) {
        return scale(base, novelty, noveltyStd, noveltyFence);
    }

    /**
     * A prediction's base scale: its {@link ErrorScale} value, or its total std when there is none.
     *
     * @param wordError a blend's word error (NaN for the network alone)
     */
    public double baseScale(double score, double totalStd, double aleatoricStd, double wordError) {
        return errorScale == null ? totalStd : errorScale.of(score, aleatoricStd, wordError);
    }

    /** The conformity score of one calibration review: its residual in units of {@code scale}. */
    public static double score(double rating, double prediction, double scale) {
        double residual = Math.abs(rating - prediction);
        return scale > 0 && Double.isFinite(scale) ? residual / scale : residual;
    }

    /** The table that holds for a prediction scored on {@code segments} segments. */
    public List<Level> table(int segments) {
        List<Level> t = table;
        for (Band b : bands) {
            if (segments >= b.minSegments()) {
                t = b.table();
            }
        }
        return t;
    }

    /**
     * The conformal quantile over all scores at {@code level}, which must be one of the table's
     * levels.
     */
    public double quantile(double level) {
        return quantile(table, level);
    }

    /**
     * The conformal quantile at {@code level} for a prediction scored on {@code segments} segments.
     */
    public double quantile(double level, int segments) {
        return quantile(table(segments), level);
    }

    private List<Double> levelsOfTable() {
        return levelsOf(table);
    }

    private double quantile(List<Level> t, double level) {
        for (Level l : t) {
            if (Math.abs(l.level() - level) < 1e-9) {
                return l.quantile();
            }
        }
        throw new IllegalArgumentException(
                "interval level "
                        + level
                        + " is not calibrated; calibrated levels are "
                        + levelsOfTable());
    }

    private static List<Double> levelsOf(List<Level> t) {
        return t.stream().map(Level::level).toList();
    }

    public List<Double> levels() {
        return levelsOfTable();
    }

    /**
     * The factor that turns a prediction's scale into its calibrated total std (the table over all
     * scores).
     */
    public double oneSdFactor() {
        return quantile(ONE_SD);
    }

    /**
     * The half-width of the interval at {@code level} for a prediction of this scale, by the table
     * over all.
     */
    public double halfWidth(double level, double scale) {
        return quantile(level) * (scale > 0 && Double.isFinite(scale) ? scale : 1);
    }

    /**
     * The half-width at {@code level} for a prediction of this scale scored on {@code segments}
     * segments.
     */
    public double halfWidth(double level, int segments, double scale) {
        return quantile(level, segments) * (scale > 0 && Double.isFinite(scale) ? scale : 1);
    }
}
