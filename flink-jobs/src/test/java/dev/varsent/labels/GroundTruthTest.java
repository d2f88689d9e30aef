package dev.varsent.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.varsent.corpus.HeldOutReviews;
import dev.varsent.corpus.ReviewText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroundTruthTest {

    @Test
    void readsJsonlOfIdsAndRatings(@TempDir Path dir) throws Exception {
        Path file =
                Files.writeString(
                        dir.resolve("truth.jsonl"),
                        "{\"id\":\"a\",\"rating\":0.25,\"text\":\"ignored\"}\n\n{\"id\":\"b\",\"rating\":1}\n");
        GroundTruth truth = GroundTruth.load(file.toString());
        assertThat(truth.size()).isEqualTo(2);
        assertThat(truth.rating("a")).hasValue(0.25);
        assertThat(truth.rating("b")).hasValue(1.0);
        assertThat(truth.rating("c")).isEmpty();
        assertThat(truth.rating("a#2"))
                .as("only the scale data knows the feeder's repeats")
                .isEmpty();
    }

    @Test
    void aBadLineIsAnErrorWithItsLineNumber(@TempDir Path dir) throws Exception {
        assertBadLine(
                dir,
                "{\"id\":\"a\",\"rating\":0.5}\n{\"id\":\"b\",\"rating\":",
                ":2: not valid JSON");
        assertBadLine(dir, "\n\n[1]\n", ":3: expected a JSON object");
        assertBadLine(dir, "{\"rating\":0.5}", ":1: 'id' must be a non-empty string");
        assertBadLine(
                dir,
                "{\"id\":\"a\",\"rating\":\"0.5\"}",
                ":1: 'rating' must be a number in [0, 1]");
        assertBadLine(
                dir, "{\"id\":\"a\",\"rating\":2}", ":1: 'rating' must be a number in [0, 1]");
        assertBadLine(
                dir,
                "{\"id\":\"a\",\"rating\":0.5}\n{\"id\":\"a\",\"rating\":0.5}",
                ":2: id 'a' repeats line 1");
        assertBadLine(dir, "\n", "no ratings");
    }

    private static void assertBadLine(Path dir, String content, String message) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.jsonl"), content);
        assertThatThrownBy(() -> GroundTruth.fromJsonl(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining(message);
    }

    @Test
    void theHeldOutScaleDataKnowsEveryIdTheLocalRunStreamsAndItsRepeats() {
        List<ReviewText> streamed = HeldOutReviews.load(HeldOutReviews.SPLIT_SEED);
        Map<String, Double> ratings = HeldOutReviews.ratings(HeldOutReviews.SPLIT_SEED);
        GroundTruth truth = GroundTruth.load(GroundTruth.SCALEDATA);
        assertThat(truth.size()).isEqualTo(streamed.size());
        for (ReviewText review : streamed) {
            assertThat(truth.rating(review.id()))
                    .as(review.id())
                    .hasValue(ratings.get(review.id()));
        }
        String first = streamed.get(0).id();
        assertThat(truth.rating(first + "#3")).hasValue(ratings.get(first));
        assertThat(ratings.values()).allSatisfy(r -> assertThat(r).isBetween(0.0, 1.0));
        assertThat(truth.rating("no-such-review#0")).isEmpty();
    }
}
