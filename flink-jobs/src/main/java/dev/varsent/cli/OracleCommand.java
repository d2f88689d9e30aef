package dev.varsent.cli;

import static dev.varsent.config.VarsentOptions.BOOTSTRAP_SERVERS;
import static dev.varsent.config.VarsentOptions.ORACLE_DELAY;
import static dev.varsent.config.VarsentOptions.ORACLE_NOISE_STD;
import static dev.varsent.config.VarsentOptions.ORACLE_SEED;
import static dev.varsent.config.VarsentOptions.ORACLE_TRUTH;

import dev.varsent.config.VarsentConfig;
import dev.varsent.labels.GroundTruth;
import dev.varsent.labels.OracleLabeler;
import dev.varsent.labels.OracleSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code varsent oracle [--conf FILE] [--set key=value]... [--truth FILE.jsonl|scaledata]
 * [--delay-ms MS] [--noise STD] [--seed N]}: answers relabel requests from a ground truth with the
 * {@link OracleLabeler} until Ctrl-C, printing what it answered every few seconds. The options are
 * shorthands for the {@code oracle.*} keys and win over the configuration.
 */
@Command(
        name = "oracle",
        mixinStandardHelpOptions = true,
        description = {
            "Answer relabel requests from a ground truth (delay, noise) until Ctrl-C: stands in for people.",
            "--truth, --delay-ms, --noise and --seed are shorthands of the oracle.* keys and win over the"
                    + " configuration."
        })
public final class OracleCommand implements Callable<Integer> {

    private static final long REPORT_INTERVAL_S = 10;

    @Option(
            names = "--truth",
            paramLabel = "FILE.jsonl|scaledata",
            description =
                    "A JSON-lines file of {\"id\",\"rating\"} records, or 'scaledata' (the held-out segments the"
                            + " local run streams); oracle.truth.")
    String truth;

    @Option(
            names = "--delay-ms",
            paramLabel = "MS",
            description = "Milliseconds before each answer; oracle.delay.")
    Long delayMs;

    @Option(
            names = "--noise",
            paramLabel = "STD",
            description = "Std of the Gaussian noise added to each rating;" + " oracle.noise-std.")
    Double noise;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the noise; oracle.seed.")
    Long seed;

    @Mixin ConfigurationOptions configuration;

    private final Function<String, GroundTruth> truths;

    /** {@code truths} loads the ground truth that {@code oracle.truth} names. */
    public OracleCommand(Function<String, GroundTruth> truths) {
        this.truths = truths;
    }

    private Map<String, String> shorthands() {
        Map<String, String> keys = new LinkedHashMap<>();
        if (truth != null) {
            keys.put(ORACLE_TRUTH.key(), truth);
        }
        if (delayMs != null) {
            keys.put(ORACLE_DELAY.key(), delayMs + " ms");
        }
        if (noise != null) {
            keys.put(ORACLE_NOISE_STD.key(), noise.toString());
        }
        if (seed != null) {
            keys.put(ORACLE_SEED.key(), seed.toString());
        }
        return keys;
    }

    @Override
    public Integer call() throws Exception {
        VarsentConfig config = configuration.config(null, Map.of(), shorthands());
        GroundTruth truth = truths.apply(config.get(ORACLE_TRUTH));
        OracleSettings settings = OracleSettings.from(config);
        System.out.printf(
                "Oracle labeler: %d ratings from %s; answering %s -> %s on %s after %d ms, noise std %s%n",
                truth.size(),
                config.get(ORACLE_TRUTH),
                settings.requestsTopic(),
                settings.labelsTopic(),
                config.get(BOOTSTRAP_SERVERS),
                settings.delayMs(),
                settings.noiseStd());
        OracleLabeler labeler = new OracleLabeler(settings, truth);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread onCtrlC =
                new Thread(
                        () -> {
                            try {
                                labeler.close();
                                stopped.await(30, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "varsent-oracle-shutdown");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            labeler.start();
            long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(REPORT_INTERVAL_S);
            while (labeler.isRunning()) {
                TimeUnit.MILLISECONDS.sleep(200);
                if (System.nanoTime() >= nextReport) {
                    report(labeler);
                    nextReport += TimeUnit.SECONDS.toNanos(REPORT_INTERVAL_S);
                }
            }
        } finally {
            labeler.close();
            report(labeler);
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running.
            }
        }
        if (labeler.failure().isPresent()) {
            System.err.println("varsent oracle: stopped: " + labeler.failure().get());
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }

    private static void report(OracleLabeler labeler) {
        System.out.printf(
                "answered %d | unknown ids %d | unreadable requests %d%n",
                labeler.answered(), labeler.unknown(), labeler.invalid());
    }
}
