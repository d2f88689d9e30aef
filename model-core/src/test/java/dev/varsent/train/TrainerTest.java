package dev.varsent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varsent.data.ScaleData;
import dev.varsent.model.SentimentModel;
import dev.varsent.nn.CellType;
import dev.varsent.nn.DropoutMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke version of the paper run: a small slice of the real scale data, a small network, a few
 * epochs.
 */
class TrainerTest {

    private static TrainingOptions small(Path out, int epochs) {
        return new TrainingOptions(
                ScaleData.defaultDir(),
                out,
                "smoke",
                3,
                epochs,
                32,
                3e-3,
                5.0,
                800,
                60,
                16,
                16,
                CellType.LSTM,
                DropoutMode.VARIATIONAL_UNTIED,
                0.25,
                1e-4,
                4,
                2,
                1,
                150);
    }

    @Test
    void trainsCheckpointsResumesAndRecordsProvenance(@TempDir Path out) throws Exception {
        TrainingOptions two = small(out, 2);
        PreparedData data = PreparedData.load(two);
        assertTrue(
                data.trainSequences().size() > 4 * data.testSequences().size() - 10,
                "80/20 split by segment");
        assertEquals(61, data.trainSequences().get(0).length, "START + 60-token segment");

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Trainer first = new Trainer(two, new PrintStream(log, true));
        SentimentModel m2 = first.run(data);
        Path dir = first.runDirectory();
        assertTrue(Files.exists(dir.resolve(Trainer.MODEL_FILE)));
        assertTrue(Files.exists(dir.resolve(Trainer.CURVES_FILE)));
        List<EpochMetrics> h = TrainingHistory.read(dir.resolve(Trainer.METRICS_FILE)).epochs();
        assertEquals(2, h.size());
        assertTrue(h.get(1).trainLoss() < h.get(0).trainLoss(), "training loss falls: " + h);
        assertTrue(Double.isFinite(h.get(1).testRmseMc()), "MC evaluation on the last epoch");
        assertTrue(m2.noiseVariance() >= 0, "aleatoric noise estimated");
        assertEquals(2, m2.provenance().epochs());
        assertEquals(data.dataSha256(), m2.provenance().dataSha256());
        assertTrue(m2.provenance().metrics().containsKey("test_rmse_mc"));

        Trainer resumed = new Trainer(small(out, 3), new PrintStream(log, true));
        SentimentModel m3 = resumed.run(data);
        assertTrue(log.toString().contains("resuming smoke after epoch 2"), log.toString());
        assertEquals(3, TrainingHistory.read(dir.resolve(Trainer.METRICS_FILE)).epochs().size());
        assertEquals(3, m3.provenance().epochs());
    }
}
