package dev.varsent.retrain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.data.LabelledJsonl;
import dev.varsent.data.LabelledReview;
import dev.varsent.data.PaperSplit;
import dev.varsent.data.ScaleData;
import dev.varsent.text.Tokenizer;
import dev.varsent.train.LabelledText;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The base corpus of the retrain job: JSON lines {@code {"id": ..., "text": ..., "rating": 0.7}}
 * (the rating records of {@link LabelledJsonl}), trained on besides the labelled examples.
 */
public final class BaseCorpus {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BaseCorpus() {}

    /**
     * One line as a base example.
     *
     * @throws IllegalArgumentException naming {@code where} when the line is not a rating record
     */
    public static TrainingExample parseLine(String line, String where) {
        LabelledReview review = LabelledJsonl.parseLine(line, where);
        if (review.isClassification()) {
            throw new IllegalArgumentException(
                    where
                            + ": the base corpus needs \"rating\" records (a number in [0,1]), "
                            + "this one has a pos/neg \"label\"");
        }
        return new TrainingExample(
                review.id(), review.text(), review.rating(), TrainingExample.Origin.BASE, 0L);
    }

    /**
     * Every example of a local base corpus file; a bad line is an error naming the file and line.
     */
    public static List<TrainingExample> read(Path file) throws IOException {
        List<TrainingExample> examples = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                examples.add(parseLine(lines.get(i), file + " line " + (i + 1)));
            }
        }
        return examples;
    }

    /**
     * The training side of a local base corpus file, in file order: every example outside the
     * retrain holdout of {@code holdoutPercent} % ({@link HoldoutSplit}), as a model trains on it.
     */
    public static List<LabelledText> trainingSide(Path file, int holdoutPercent)
            throws IOException {
        List<LabelledText> trainingSide = new ArrayList<>();
        for (TrainingExample example : read(file)) {
            if (!HoldoutSplit.isHoldout(example.id(), holdoutPercent)) {
                trainingSide.add(example.toLabelledText());
            }
        }
        return trainingSide;
    }

    /**
     * Writes the training segments of the paper's split of the scale data (the segments the local
     * run does not stream) as a base corpus; ids are {@code <review id>#<segment>} like the local
     * stream's. Written to a temporary file and moved into place. Returns the number of lines.
     */
    public static int writeScaleDataTrainSplit(Path dataDir, long seed, Path file)
            throws IOException {
        PaperSplit.Split split = PaperSplit.split(ScaleData.load(dataDir), new Tokenizer(), seed);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (PaperSplit.Segment s : split.train()) {
                    ObjectNode line =
                            MAPPER.createObjectNode()
                                    .put("id", s.reviewId() + "#" + s.index())
                                    .put("text", String.join(" ", s.tokens()))
                                    .put("rating", s.rating());
                    w.write(line.toString());
                    w.write('\n');
                }
            }
            Files.move(
                    tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return split.train().size();
    }
}
