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
    public static final List<String> WORDS =
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

    /** A review of {@code n} words from {@link #WORDS}, varied by {@code seed}. */
    public static String review(int n, int seed) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(WORDS.get((i * 7 + seed * 3 + i / 5) % WORDS.size())).append(' ');
        }
        return b.toString();
    }

    public static SentimentModel small(CellType cell, int outputs) {
        Vocabulary vocab = vocabulary();
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
        return small("test-" + cell + "-" + outputs, net, 0.01);
    }

    /** The reserved tokens and {@link #WORDS}. */
    public static Vocabulary vocabulary() {
        List<String> words = new ArrayList<>(Vocabulary.RESERVED);
        words.addAll(WORDS);
        return Vocabulary.fromWords(words);
    }

    /**
     * An untrained model of {@code net} (over {@link #vocabulary()}) with seeded weights, 50-token
     * segments and a fixed provenance; no calibration, novelty model or blend.
     */
    public static SentimentModel small(String version, NetConfig net, double noiseVariance) {
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
                version,
                net,
                Params.init(net, DataType.FLOAT, 42),
                vocabulary(),
                TokenizerSettings.DEFAULT,
                50,
                0.6,
                0.2,
                noiseVariance,
                p,
                null,
                null,
                null);
    }
}
