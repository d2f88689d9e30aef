package dev.varsent.model;

import dev.varsent.predict.Prediction;
import dev.varsent.predict.RoutingCut;
import dev.varsent.predict.ServedView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Adaptive MC sampling of one group of reviews ({@link AdaptiveSampling}): every round runs the
 * segments of the reviews still unsettled as one batch of segments x round-size rows, so a review's
 * segments always move together, and after each round but the last the reviews whose routing
 * decision is settled stop. A review's prediction comes from all the samples it got, summarised as
 * the full-K path summarises its K samples: with a single round (minSamples >= K) it is exactly the
 * full-K prediction. The decision is judged on what is served and routed: the calibrated mixture
 * through the call's {@link ServedView}, against the call's {@link RoutingCut}. Regression heads
 * only.
 */
final class AdaptiveRounds {
    /**
     * Runs the network: the outputs of {@code seqs} with {@code k} rows each, fresh masks from
     * {@code r}.
     */
    interface Sampler {
        float[] outputs(List<int[]> seqs, int k, SplittableRandom r);
    }

    private final SentimentModel model;
    private final AdaptiveSampling sampling;
    private final Calibrator calibrator;
    private final SequentialRoutingTest test;
    private final int k;

    AdaptiveRounds(SentimentModel model, AdaptiveSampling sampling, Calibrator calibrator, int k) {
        if (!model.net().regression()) {
            throw new IllegalArgumentException("adaptive MC sampling needs a regression head");
        }
        this.model = model;
        this.sampling = sampling;
        this.calibrator = calibrator;
        this.test = new SequentialRoutingTest(sampling, calibrator, k);
        this.k = k;
    }

    /**
     * Scores the reviews. With {@code paired}, settled reviews go on sampling to K, and each review
     * gets the prediction at the round it settled (adaptive) beside the one from all K of the same
     * samples. The predictions are the network's (calibrated); review i of {@code reviews} is the
     * call's review {@code offset + i} in {@code view}.
     */
    List<PairedPrediction> score(
            List<ReviewSegments> reviews,
            Sampler sampler,
            SplittableRandom r,
            boolean paired,
            RoutingCut cut,
            ServedView view,
            int offset) {
        SequentialRoutingTest.RoutedSignal[] routed =
                new SequentialRoutingTest.RoutedSignal[reviews.size()];
        for (int i = 0; i < reviews.size(); i++) {
            double oovShare = reviews.get(i).oovShare();
            int review = offset + i;
            routed[i] =
                    m ->
                            view.serve(review, calibrator.apply(m, oovShare))
                                    .uncertainty(sampling.signal());
        }
        int[] rounds = sampling.rounds(k);
        List<State> active = new ArrayList<>(reviews.size());
        State[] states = new State[reviews.size()];
        for (int i = 0; i < reviews.size(); i++) {
            states[i] = new State(reviews.get(i), routed[i]);
            active.add(states[i]);
        }
        int done = 0;
        for (int round = 0; round < rounds.length && !active.isEmpty(); round++) {
            int size = rounds[round] - done;
            List<int[]> seqs = new ArrayList<>();
            for (State s : active) {
                seqs.addAll(s.review.segments());
            }
            float[] y = sampler.outputs(seqs, size, r);
            int cols = y.length / (seqs.size() * size);
            int at = 0;
            for (State s : active) {
                at = s.append(y, at, size, cols, k);
            }
            done = rounds[round];
            boolean last = round == rounds.length - 1;
            List<State> next = new ArrayList<>(active.size());
            for (State s : active) {
                Prediction mixture = mixture(s, done);
                if (last) {
                    s.fullK = calibrator.apply(mixture, s.review.oovShare());
                    if (s.adaptive == null) {
                        s.adaptive = s.fullK;
                    }
                    continue;
                }
                if (s.adaptive == null
                        && test.settled(
                                mixture, done, s.noiseSd(done, model.targetStd()), s.routed, cut)) {
                    s.adaptive = calibrator.apply(mixture, s.review.oovShare());
                    if (!paired) {
                        continue;
                    }
                }
                next.add(s);
            }
            active = next;
        }
        List<PairedPrediction> out = new ArrayList<>(states.length);
        for (State s : states) {
            out.add(new PairedPrediction(s.adaptive, s.fullK));
        }
        return out;
    }

    /** The review's uncalibrated prediction from its first {@code n} samples per segment. */
    private Prediction mixture(State s, int n) {
        int segs = s.rows.length;
        float[] y = new float[segs * n * s.cols];
        for (int i = 0; i < segs; i++) {
            System.arraycopy(s.rows[i], 0, y, i * n * s.cols, n * s.cols);
        }
        List<Prediction> perSegment =
                McSummary.regression(
                        y, segs, n, model.targetMean(), model.targetStd(), model.noiseVariance());
        return SegmentMixture.of(s.review, perSegment);
    }

    /** One review's samples so far, per segment, and its predictions once settled. */
    private static final class State {
        final ReviewSegments review;
        final SequentialRoutingTest.RoutedSignal routed;
        final float[][] rows;
        int cols;
        int samples;
        Prediction adaptive;
        Prediction fullK;

        State(ReviewSegments review, SequentialRoutingTest.RoutedSignal routed) {
            this.review = review;
            this.routed = routed;
            this.rows = new float[review.segments().size()][];
        }

        /**
         * Appends this review's {@code size} new rows per segment from {@code y} at row {@code at}.
         */
        int append(float[] y, int at, int size, int cols, int k) {
            this.cols = cols;
            for (int i = 0; i < rows.length; i++) {
                if (rows[i] == null) {
                    rows[i] = new float[k * cols];
                }
                System.arraycopy(y, (at + i * size) * cols, rows[i], samples * cols, size * cols);
            }
            samples += size;
            return at + rows.length * size;
        }

        /**
         * Sample std of the per-sample noise variances of a heteroscedastic head (0 for a fixed
         * noise level).
         */
        double noiseSd(int n, double targetStd) {
            if (cols < 2) {
                return 0;
            }
            double[] v = new double[rows.length * n];
            int j = 0;
            for (float[] seg : rows) {
                for (int row = 0; row < n; row++) {
                    v[j++] = Math.exp(seg[row * cols + 1]) * targetStd * targetStd;
                }
            }
            double mean = Arrays.stream(v).average().orElse(0);
            double ss = 0;
            for (double x : v) {
                ss += (x - mean) * (x - mean);
            }
            return v.length < 2 ? 0 : Math.sqrt(ss / (v.length - 1));
        }
    }
}
