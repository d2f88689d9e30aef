package dev.varsent.model;

import dev.varsent.bundle.Provenance;
import dev.varsent.nn.CellType;
import dev.varsent.nn.DropoutMode;
import dev.varsent.nn.NetConfig;
import dev.varsent.nn.Params;
import dev.varsent.text.TokenizerSettings;
import dev.varsent.text.Vocabulary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/** Small untrained models with a real vocabulary, for tests of prediction and bundles. */
public final class TestModels {
    static final List<String> WORDS =
            List.of(
                    "good",
                    "bad",
                    "great",
                    "awful",
                    "movie",
                    "the",
                    "plot",
                    "acting",
                    "boring",
                    "brilliant",
                    "a",
                    "and",
                    "was",
                    "is",
                    "not");

    private TestModels() {}

    public static SentimentModel small(CellType cell, int outputs) {
        List<String> words = new ArrayList<>(Vocabulary.RESERVED);
        words.addAll(WORDS);
        Vocabulary vocab = Vocabulary.fromWords(words);
        NetConfig net =
                new NetConfig(
                        vocab.size(),
                        8,
                        16,
                        outputs,
                        cell,
                        DropoutMode.VARIATIONAL_UNTIED,
                        0.25,
                        0.25,
                        0.25,
                        0.25,
                        1e-4);
        Provenance p =
                new Provenance(
                        "memory",
                        "0".repeat(64),
                        1,
                        0,
                        "unknown",
                        Instant.parse("2026-01-01T00:00:00Z"),
                        "test",
                        Map.of(),
                        Map.of());
        return new SentimentModel(
                "test-" + cell + "-" + outputs,
                net,
                Params.init(net, DataType.FLOAT, 42),
                vocab,
                TokenizerSettings.DEFAULT,
                50,
                0.6,
                0.2,
                0.01,
                p,
                null,
                null,
                null);
    }
}
