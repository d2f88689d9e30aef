package dev.varsent.model;

import dev.varsent.data.CalibrationSplit;
import dev.varsent.predict.Prediction;
import dev.varsent.text.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The calibration split scored the way the product scores: the examples of one review id ({@link
 * CalibrationSplit#reviewId}) that carry one rating are joined in id order into the whole review
 * and scored as the streaming job scores a review (same segmenting, same mixture, K MC samples);
 * every review of more than one segment also gives each of its segments scored alone, as a stream
 * of single segments is scored. Examples of one id with different ratings are not pieces of one
 * review and stay apart.
 */
public final class ConformityExamples {
    /**
     * One conformity example.
     *
     * @param reviewId the review it comes from (for folds that keep a review's examples together)
     * @param wholeReview the whole review, else one of its segments alone
     */
    public record Example(
            String reviewId, boolean wholeReview, double rating, Prediction prediction) {}

    private record Review(String id, String text, double rating) {}

    private ConformityExamples() {}

    /**
     * Scores the calibration examples with {@code model} (its own calibration, if any, is not used
     * for fitting).
     */
    public static List<Example> score(
            SentimentModel model,
            List<String> ids,
            List<String> texts,
            double[] ratings,
            int k,
            long seed,
            int threads) {
        Tokenizer tokenizer = new Tokenizer(model.tokenizer());
        List<Review> reviews = reviews(ids, texts, ratings);
        List<List<String>> tokens = new ArrayList<>(reviews.size());
        for (Review r : reviews) {
            tokens.add(tokenizer.tokenize(r.text()));
        }
        List<Example> out = new ArrayList<>();
        try (McPredictor predictor = model.predictor(seed, threads)) {
            List<Prediction> whole = predictor.predictTokens(tokens, k);
            List<int[]> pieces = new ArrayList<>();
            List<Review> pieceOf = new ArrayList<>();
            for (int i = 0; i < whole.size(); i++) {
                out.add(
                        new Example(
                                reviews.get(i).id(), true, reviews.get(i).rating(), whole.get(i)));
                if (whole.get(i).segments() > 1) {
                    for (int[] seg :
                            ReviewSegments.of(
                                            tokens.get(i),
                                            model.vocabulary(),
                                            model.maxLength(),
                                            predictor.segmentCap())
                                    .segments()) {
                        pieces.add(seg);
                        pieceOf.add(reviews.get(i));
                    }
                }
            }
            List<Prediction> alone = predictor.predictEncoded(pieces, k);
            for (int i = 0; i < alone.size(); i++) {
                out.add(
                        new Example(
                                pieceOf.get(i).id(), false, pieceOf.get(i).rating(), alone.get(i)));
            }
        }
        return out;
    }

    private static List<Review> reviews(List<String> ids, List<String> texts, double[] ratings) {
        List<Integer> order = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            order.add(i);
        }
        List<Review> out = new ArrayList<>();
        for (List<Integer> group : CalibrationSplit.byReview(order, ids::get)) {
            String review = CalibrationSplit.reviewId(ids.get(group.get(0)));
            if (group.stream().allMatch(i -> ratings[i] == ratings[group.get(0)])) {
                StringBuilder text = new StringBuilder();
                for (int i : group) {
                    text.append(text.isEmpty() ? "" : " ").append(texts.get(i));
                }
                out.add(new Review(review, text.toString(), ratings[group.get(0)]));
            } else {
                group.forEach(i -> out.add(new Review(review, texts.get(i), ratings[i])));
            }
        }
        return out;
    }
}
