package dev.varsent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.model.SentimentModel;
import dev.varsent.train.Trainer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} holds out a calibration split and calibrates the bundle; {@code --calibration 0}
 * does not.
 */
class TrainCalibrationTest {

    private static SentimentModel train(Path out, String name, String calibration)
            throws Exception {
        Cli.Run run =
                Cli.run(
                        "train",
                        "--out",
                        out.toString(),
                        "--name",
                        name,
                        "--epochs",
                        "1",
                        "--limit-reviews",
                        "200",
                        "--vocab",
                        "500",
                        "--segment",
                        "60",
                        "--embedding",
                        "8",
                        "--hidden",
                        "8",
                        "--batch",
                        "32",
                        "--mc",
                        "2",
                        "--mc-every",
                        "1",
                        "--calibration",
                        calibration);
        assertThat(run.code()).as(run.err()).isZero();
        return SentimentModel.load(out.resolve(name).resolve(Trainer.MODEL_FILE));
    }

    @Test
    void theSavedBundleIsCalibratedOnReviewsHeldOutOfTraining(@TempDir Path out) throws Exception {
        SentimentModel model = train(out, "calibrated", "0.2");
        assertThat(model.calibrated()).isTrue();
        assertThat(model.novelty()).isNotNull();
        int held = Integer.parseInt(model.provenance().notes().get("calibration_examples"));
        assertThat(held).isPositive();
        assertThat(model.calibration().n()).isEqualTo(held);
        assertThat(model.provenance().notes().get("calibration")).contains("held out of training");

        SentimentModel paper = train(out, "paper", "0");
        assertThat(paper.calibrated()).isFalse();
        assertThat(paper.provenance().notes()).doesNotContainKey("calibration");
    }
}
