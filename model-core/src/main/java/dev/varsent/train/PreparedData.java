package dev.varsent.train;

import dev.varsent.data.CalibrationSplit;
import dev.varsent.data.PaperSplit;
import dev.varsent.data.Review;
import dev.varsent.data.ScaleData;
import dev.varsent.text.SequenceEncoder;
import dev.varsent.text.Tokenizer;
import dev.varsent.text.TokenizerSettings;
import dev.varsent.text.Vocabulary;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The scale data prepared as the paper prescribes: shuffled reviews cut into segments, split 80/20
 * by segment, a vocabulary from the training segments, sequences encoded as START + tokens, ratings
 * kept in [0,1] units with the training mean and standard deviation for standardising.
 *
 * <p>With a calibration fraction above 0, the training side's reviews that {@link CalibrationSplit}
 * picks (whole reviews, all of whose segments are on the training side) are held out of training
 * and of the vocabulary, and kept whole in {@code calibration} for the fit step; with 0 the data is
 * exactly the paper's and {@code calibration} is empty.
 *
 * @param calibrationSplit how the calibration reviews were chosen ("none" when they were not)
 */
public record PreparedData(
        Vocabulary vocabulary,
        TokenizerSettings tokenizer,
        int maxLength,
        List<int[]> trainSequences,
        double[] trainRatings,
        List<int[]> testSequences,
        double[] testRatings,
        double mean,
        double std,
        String dataSha256,
        int reviews,
        List<Review> calibration,
        String calibrationSplit) {

    /** The paper's data exactly: no calibration split. */
    public static PreparedData load(TrainingOptions o) {
        return load(o, 0);
    }

    public static PreparedData load(TrainingOptions o, double calibrationFraction) {
        List<Review> reviews = ScaleData.load(o.dataDir());
        if (o.limitReviews() > 0 && o.limitReviews() < reviews.size()) {
            List<Review> shuffled = new ArrayList<>(reviews);
            java.util.Collections.shuffle(shuffled, new java.util.Random(o.seed()));
            reviews = shuffled.subList(0, o.limitReviews());
        }
        Tokenizer tokenizer = new Tokenizer(TokenizerSettings.DEFAULT);
        PaperSplit.Split split = PaperSplit.split(reviews, tokenizer, o.seed(), o.segmentLength());
        List<Review> calibration = List.of();
        String calibrationSplit = "none";
        if (calibrationFraction > 0) {
            Set<String> testIds = new HashSet<>();
            split.test().forEach(s -> testIds.add(s.reviewId()));
            calibration =
                    reviews.stream()
                            .filter(
                                    r ->
                                            !testIds.contains(r.id())
                                                    && CalibrationSplit.isCalibration(
                                                            r.id(), calibrationFraction))
                            .toList();
            Set<String> calibrationIds = new HashSet<>();
            calibration.forEach(r -> calibrationIds.add(r.id()));
            split =
                    new PaperSplit.Split(
                            split.train().stream()
                                    .filter(s -> !calibrationIds.contains(s.reviewId()))
                                    .toList(),
                            split.test());
            calibrationSplit =
                    CalibrationSplit.split(
                                            reviews.stream()
                                                    .filter(r -> !testIds.contains(r.id()))
                                                    .toList(),
                                            Review::id,
                                            calibrationFraction)
                                    .description()
                            + " (whole reviews of the paper split's training side)";
        }
        List<List<String>> trainTokens = new ArrayList<>();
        for (PaperSplit.Segment s : split.train()) {
            trainTokens.add(s.tokens());
        }
        Vocabulary vocab = Vocabulary.build(trainTokens, o.vocabSize());
        SequenceEncoder encoder = new SequenceEncoder(tokenizer, vocab, o.segmentLength() + 1);
        List<int[]> trainSeqs = new ArrayList<>();
        double[] trainY = new double[split.train().size()];
        for (int i = 0; i < trainY.length; i++) {
            trainSeqs.add(encoder.encodeTokens(split.train().get(i).tokens()));
            trainY[i] = split.train().get(i).rating();
        }
        List<int[]> testSeqs = new ArrayList<>();
        double[] testY = new double[split.test().size()];
        for (int i = 0; i < testY.length; i++) {
            testSeqs.add(encoder.encodeTokens(split.test().get(i).tokens()));
            testY[i] = split.test().get(i).rating();
        }
        double mean = 0;
        for (double y : trainY) {
            mean += y / trainY.length;
        }
        double var = 0;
        for (double y : trainY) {
            var += (y - mean) * (y - mean) / trainY.length;
        }
        return new PreparedData(
                vocab,
                TokenizerSettings.DEFAULT,
                o.segmentLength() + 1,
                trainSeqs,
                trainY,
                testSeqs,
                testY,
                mean,
                Math.sqrt(var),
                ScaleData.sha256(o.dataDir()),
                reviews.size(),
                calibration,
                calibrationSplit);
    }
}
