package dev.varsent.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.train.LabelledText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseCorpusTest {

    @Test
    void theTrainingSideIsEveryExampleOutsideTheHoldoutInFileOrder(@TempDir Path dir)
            throws Exception {
        List<String> lines = new ArrayList<>();
        List<LabelledText> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = "r" + (39 - i);
            double rating = i / 40.0;
            lines.add(
                    "{\"id\": \""
                            + id
                            + "\", \"text\": \"review "
                            + i
                            + "\", \"rating\": "
                            + rating
                            + "}");
            if (i % 10 == 0) {
                lines.add("");
            }
            if (!HoldoutSplit.isHoldout(id, 25)) {
                expected.add(new LabelledText(id, "review " + i, rating));
            }
        }
        Path file = Files.write(dir.resolve("base.jsonl"), lines);

        assertThat(expected).hasSizeBetween(1, 39);
        assertThat(BaseCorpus.trainingSide(file, 25)).containsExactlyElementsOf(expected);
        assertThat(BaseCorpus.trainingSide(file, 0)).hasSize(40);
    }
}
