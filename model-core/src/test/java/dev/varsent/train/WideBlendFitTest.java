package dev.varsent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.varsent.blend.BlendSelection;
import dev.varsent.blend.WideBlend;
import dev.varsent.bundle.Provenance;
import dev.varsent.data.CalibrationSplit;
import dev.varsent.model.SentimentModel;
import dev.varsent.model.TestModels;
import dev.varsent.model.UncertaintyFit;
import dev.varsent.nn.CellType;
import dev.varsent.text.Tokenizer;
import dev.varsent.uncertainty.ConformalCalibration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class WideBlendFitTest {
    private static final String[] POSITIVE = {"good", "great", "brilliant"};
    private static final String[] NEGATIVE = {"bad", "awful", "boring"};
    private static final String[] NEUTRAL = {
        "the", "movie", "plot", "acting", "a", "and", "was", "is"
    };

    /**
     * Reviews of {@code segments} segments each ({@code prefix + i + "#" + s}), rated by their
     * share of positive words.
     */
    private static List<LabelledText> reviews(String prefix, int n, int segments, long seed) {
        Random r = new Random(seed);
        List<LabelledText> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double rating = r.nextDouble();
            for (int s = 0; s < segments; s++) {
                StringBuilder text = new StringBuilder();
                for (int w = 0; w < 12; w++) {
                    double u = r.nextDouble();
                    String[] pool =
                            u < 0.5 ? NEUTRAL : r.nextDouble() < rating ? POSITIVE : NEGATIVE;
                    text.append(pool[r.nextInt(pool.length)]).append(' ');
                }
                out.add(new LabelledText(prefix + i + "#" + s, text.toString().trim(), rating));
            }
        }
        return out;
    }

    private static List<LabelledText> rerated(
            List<LabelledText> l, Predicate<String> reviewIdMatches, double by) {
        return l.stream()
                .map(
                        t ->
                                reviewIdMatches.test(CalibrationSplit.reviewId(t.id()))
                                        ? new LabelledText(
                                                t.id(),
                                                t.text(),
                                                Math.min(1, Math.max(0, 1 - t.rating() + by)))
                                        : t)
                .toList();
    }

    @Test
    void theWeightIsChosenOnTheSelectionHalfOfTheHeldOutSplitAlone() {
        SentimentModel model = TestModels.small(CellType.LSTM, 1);
        List<LabelledText> train = reviews("train-", 120, 1, 1);
        List<LabelledText> heldOut = reviews("held-", 80, 2, 2);
        List<String> heldOutIds =
                ValidationSelection.joinedReviews(heldOut).stream().map(LabelledText::id).toList();
        CalibrationSplit.Split<String> halves =
                CalibrationSplit.split(heldOutIds, id -> id, 0.5, WideBlendFit.SELECTION_SALT);
        Set<String> selection = Set.copyOf(halves.calibration());

        WideBlendFit.Result fit = WideBlendFit.fit(model, train, heldOut, "test split", 2, 5, 1);
        WideBlend blend = fit.model().blend();
        assertNotNull(blend);
        assertEquals(selection.size(), fit.selection().n());
        assertEquals(
                Provenance.sha256Lines(halves.calibration()),
                blend.provenance().notes().get("selection_ids_sha256"));
        assertTrue(selection.stream().allMatch(id -> id.startsWith("held-")));
        // the calibration is refitted on the other half, on blended predictions
        assertEquals(Provenance.sha256Lines(halves.train()), fit.model().calibration().idsSha256());
        assertEquals(halves.train().size(), fit.model().calibration().n());
        assertEquals(
                Provenance.sha256Lines(
                        ValidationSelection.joinedReviews(train).stream()
                                .map(LabelledText::id)
                                .toList()),
                blend.provenance().dataSha256());

        // other ratings on the calibration half change nothing the selection chose; on the
        // selection half they do
        WideBlendFit.Result otherCalibration =
                WideBlendFit.fit(
                        model,
                        train,
                        rerated(heldOut, id -> !selection.contains(id), 0.1),
                        "test split",
                        2,
                        5,
                        1);
        // Not bit for bit: the vectorised exp and tanh give other last bits once C2 compiles them.
        BlendSelection a = fit.selection();
        BlendSelection b = otherCalibration.selection();
        assertEquals(List.of(a.weight(), a.bias(), a.n()), List.of(b.weight(), b.bias(), b.n()));
        assertEquals(a.aleatoricScale(), b.aleatoricScale(), 1e-9);
        assertEquals(a.rmse(), b.rmse(), 1e-9);
        assertEquals(a.rmseDeep(), b.rmseDeep(), 1e-9);
        assertEquals(a.rmseRidge(), b.rmseRidge(), 1e-12);
        assertNotEquals(fit.model().calibration(), otherCalibration.model().calibration());
        WideBlendFit.Result otherSelection =
                WideBlendFit.fit(
                        model,
                        train,
                        rerated(heldOut, selection::contains, 0.1),
                        "test split",
                        2,
                        5,
                        1);
        assertNotEquals(fit.selection().rmseByWeight(), otherSelection.selection().rmseByWeight());
    }

    @Test
    void everyHeldOutReviewIsHandedOutWithBothMembersAsTheCalibrationWasFittedOnIt() {
        SentimentModel model = TestModels.small(CellType.LSTM, 1);
        List<LabelledText> heldOut = reviews("held-", 80, 2, 2);
        List<LabelledText> reviews = ValidationSelection.joinedReviews(heldOut);
        Set<String> selection =
                Set.copyOf(
                        CalibrationSplit.split(
                                        reviews.stream().map(LabelledText::id).toList(),
                                        id -> id,
                                        0.5,
                                        WideBlendFit.SELECTION_SALT)
                                .calibration());
        List<BlendMemberScores> members = new ArrayList<>();
        WideBlendFit.Result fit =
                WideBlendFit.fit(
                        model,
                        reviews("train-", 120, 1, 1),
                        heldOut,
                        "test split",
                        2,
                        5,
                        1,
                        members::addAll);
        WideBlend blend = fit.model().blend();
        assertNotNull(blend.errorRidge(), "the blend carries its error ridge");
        assertEquals(blend.words().size(), blend.errorRidge().model().weights().length);

        assertEquals(reviews.size(), members.size());
        Tokenizer tokenizer = new Tokenizer(model.tokenizer());
        for (BlendMemberScores m : members) {
            LabelledText review =
                    reviews.stream().filter(r -> r.id().equals(m.reviewId())).findFirst().get();
            assertEquals(selection.contains(m.reviewId()), m.selectionHalf(), m.reviewId());
            assertEquals(review.rating(), m.rating());
            assertEquals(
                    blend.ridgeScores(List.of(tokenizer.tokenize(review.text())))[0],
                    m.ridge(),
                    1e-12);
            assertEquals(
                    blend.wordErrors(List.of(tokenizer.tokenize(review.text())))[0],
                    m.wordError(),
                    1e-12);
            assertEquals(
                    blend.weight() * m.network().score()
                            + (1 - blend.weight()) * m.ridge()
                            + blend.bias(),
                    m.blended().score(),
                    1e-12);
        }
        // the calibration half's blended predictions are what the served calibration was fitted on
        List<BlendMemberScores> calibrationHalf =
                members.stream().filter(m -> !m.selectionHalf()).toList();
        ConformalCalibration refit =
                UncertaintyFit.tables(
                        calibrationHalf.stream().map(BlendMemberScores::blended).toList(),
                        calibrationHalf.stream().mapToDouble(BlendMemberScores::rating).toArray(),
                        calibrationHalf.stream()
                                .mapToDouble(BlendMemberScores::wordError)
                                .toArray(),
                        calibrationHalf.size(),
                        "refit",
                        "-",
                        model.targetMean());
        assertEquals(fit.model().calibration().errorScale(), refit.errorScale());
        assertEquals(fit.model().calibration().bands(), refit.bands());
        assertEquals(fit.model().calibration().decisionFactor(), refit.decisionFactor());

        JsonNode line = members.get(0).json("v1");
        assertEquals(members.get(0).reviewId(), line.get("id").asText());
        assertEquals(members.get(0).ridge(), line.get("ridge_score").asDouble());
        assertEquals(members.get(0).network().score(), line.get("network_score").asDouble());
        assertEquals(members.get(0).blended().score(), line.get("score").asDouble());
        assertEquals(members.get(0).rating(), line.get("rating").asDouble());
        assertEquals(
                members.get(0).selectionHalf() ? "selection" : "calibration",
                line.get("half").asText());
    }

    @Test
    void tooSmallAHeldOutSplitLeavesTheModelUnblended() {
        SentimentModel model = TestModels.small(CellType.LSTM, 1);
        WideBlendFit.Result fit =
                WideBlendFit.fit(
                        model,
                        reviews("train-", 60, 1, 1),
                        reviews("held-", 10, 1, 2),
                        "test split",
                        2,
                        5,
                        1);
        assertSame(model, fit.model());
        assertNull(fit.selection());
        assertTrue(fit.note().startsWith("none:"), fit.note());
    }

    @Test
    void aBlendedModelServesTheBlendOnTheRetrainHoldoutPath() {
        SentimentModel model = TestModels.small(CellType.LSTM, 1);
        List<LabelledText> holdout = reviews("holdout-", 30, 1, 3);
        SentimentModel blended =
                WideBlendFit.fit(
                                model,
                                reviews("train-", 120, 1, 1),
                                reviews("held-", 80, 2, 2),
                                "test split",
                                2,
                                5,
                                1)
                        .model();
        double deepOnly =
                ExampleTrainer.rmse(
                        blended.withBlend(null),
                        holdout,
                        2,
                        5,
                        1,
                        dev.varsent.model.ScoringOptions.defaults());
        double served =
                ExampleTrainer.rmse(
                        blended, holdout, 2, 5, 1, dev.varsent.model.ScoringOptions.defaults());
        assertNotEquals(deepOnly, served);
    }
}
