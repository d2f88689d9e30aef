package dev.varsent.cli;

import static dev.varsent.config.VarsentOptions.BOOTSTRAP_SERVERS;
import static dev.varsent.config.VarsentOptions.ORACLE_DELAY;
import static dev.varsent.config.VarsentOptions.ORACLE_NOISE_STD;
import static dev.varsent.config.VarsentOptions.ORACLE_SEED;
import static dev.varsent.config.VarsentOptions.ORACLE_TRUTH;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.varsent.config.ConfigException;
import dev.varsent.config.VarsentConfig;
import dev.varsent.labels.GroundTruth;
import dev.varsent.labels.OracleLabeler;
import dev.varsent.labels.OracleSettings;
import org.apache.flink.configuration.ConfigOption;

/**
 * {@code varsent oracle [--conf FILE] [--set key=value]... [--truth FILE.jsonl|scaledata] [--delay-ms MS]
 * [--noise STD] [--seed N]}: answers relabel requests from a ground truth with the {@link OracleLabeler}
 * until Ctrl-C, printing what it answered every few seconds. The options are shorthands for the
 * {@code oracle.*} keys and win over the configuration.
 */
public final class OracleCommand implements Command {

    private static final Map<String, ConfigOption<?>> SHORTHANDS = Map.of(
            "--truth", ORACLE_TRUTH, "--delay-ms", ORACLE_DELAY, "--noise", ORACLE_NOISE_STD, "--seed", ORACLE_SEED);
    private static final long REPORT_INTERVAL_S = 10;

    private final Function<String, GroundTruth> truths;

    /** {@code truths} loads the ground truth that {@code oracle.truth} names. */
    public OracleCommand(Function<String, GroundTruth> truths) {
        this.truths = truths;
    }

    @Override
    public String name() {
        return "oracle";
    }

    @Override
    public String summary() {
        return "answer relabel requests from a ground truth (delay, noise) until Ctrl-C: stands in for people";
    }

    @Override
    public int run(List<String> args) throws Exception {
        VarsentConfig config;
        try {
            CommandLine line = CommandLine.parse(args, SHORTHANDS.keySet());
            if (line.help()) {
                System.out.println("usage: varsent oracle [--conf FILE] [--set key=value]... [--truth FILE.jsonl|scaledata]"
                        + " [--delay-ms MS] [--noise STD] [--seed N]");
                System.out.println("--truth: a JSONL file of {\"id\",\"rating\"} lines, or 'scaledata' (the held-out"
                        + " segments the local run streams). Shorthands of oracle.truth, oracle.delay (in ms),"
                        + " oracle.noise-std and oracle.seed. Runs until Ctrl-C.");
                return 0;
            }
            Map<String, String> overrides = new LinkedHashMap<>();
            for (var shorthand : SHORTHANDS.entrySet()) {
                line.value(shorthand.getKey()).ifPresent(value -> overrides.put(shorthand.getValue().key(), value));
            }
            config = line.config(null).with(overrides);
        } catch (UsageException | ConfigException e) {
            System.err.println("varsent oracle: " + e.getMessage());
            return 2;
        }

        GroundTruth truth = truths.apply(config.get(ORACLE_TRUTH));
        OracleSettings settings = OracleSettings.from(config);
        System.out.printf("Oracle labeler: %d ratings from %s; answering %s -> %s on %s after %d ms, noise std %s%n",
                truth.size(), config.get(ORACLE_TRUTH), settings.requestsTopic(), settings.labelsTopic(),
                config.get(BOOTSTRAP_SERVERS), settings.delayMs(), settings.noiseStd());
        OracleLabeler labeler = new OracleLabeler(settings, truth);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> {
            try {
                labeler.close();
                stopped.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "varsent-oracle-shutdown");
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
            return 1;
        }
        return 0;
    }

    private static void report(OracleLabeler labeler) {
        System.out.printf("answered %d | unknown ids %d | unreadable requests %d%n",
                labeler.answered(), labeler.unknown(), labeler.invalid());
    }
}
