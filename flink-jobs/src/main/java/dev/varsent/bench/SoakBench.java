package dev.varsent.bench;

import static dev.varsent.bench.BenchFigures.round;
import static dev.varsent.config.VarsentOptions.BOOTSTRAP_SERVERS;
import static dev.varsent.config.VarsentOptions.REGISTRY_MODEL_NAME;
import static dev.varsent.config.VarsentOptions.TOPIC_DEAD_LETTERS;
import static dev.varsent.config.VarsentOptions.TOPIC_MODEL_UPDATES;
import static dev.varsent.config.VarsentOptions.TOPIC_PREDICTIONS;
import static dev.varsent.config.VarsentOptions.TOPIC_RELABEL;
import static dev.varsent.config.VarsentOptions.TOPIC_REVIEWS;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.config.VarsentConfig;
import dev.varsent.corpus.HeldOutReviews;
import dev.varsent.corpus.ReviewText;
import dev.varsent.local.LocalRegistry;
import dev.varsent.local.LocalStack;
import dev.varsent.local.OutputTally;
import dev.varsent.local.ReviewFeeder;
import dev.varsent.model.SentimentModel;
import dev.varsent.registry.BundleInfo;
import dev.varsent.registry.Champion;
import dev.varsent.registry.ModelRegistry;
import dev.varsent.registry.ModelUpdate;
import dev.varsent.registry.ModelUpdatePublisher;
import dev.varsent.scoring.ChampionPredictorFactory;
import dev.varsent.scoring.ScoringSettings;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.bytedeco.javacpp.Pointer;

/**
 * Soak: the local scoring pipeline (in-process broker, MiniCluster, the scoring job with the
 * registry's champion) streams reviews at a fixed rate for a given time while the champion is
 * swapped back and forth between two versions every {@code swapEvery}. Every {@code sampleEvery} it
 * collects garbage and prints a JSON line with the heap used after GC, the bytes JavaCPP allocated
 * itself ({@link Pointer#totalBytes()}) and the process's resident memory ({@link
 * Pointer#physicalBytes()}), which is where ND4J's native arrays show: libnd4j allocates them
 * outside JavaCPP's count. At the end, a summary line with whether the resident memory and the heap
 * stayed on a plateau while streaming and swapping (a swapped-out model's arrays were freed, not
 * left growing) and whether every review came out once. A harness printing figures, not a test.
 *
 * <p>{@code bin/varsent bench soak --work-dir DIR [--duration 30min] [--rate 70%]} ({@code
 * cli.SoakBenchCommand}).
 */
public final class SoakBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Growth from the middle third of the run to the last third that still counts as a plateau. */
    static final double PLATEAU_TOLERANCE = 0.10;

    /**
     * What to run: the bundle served first (its copy under another version is the second), where to
     * work, for how long.
     */
    public record Settings(
            Path bundle,
            Path workDir,
            Duration duration,
            Rate rate,
            Duration swapEvery,
            Duration sampleEvery) {}

    /**
     * The feed's rate: reviews per second, or a share of the job's sustained rate, measured on the
     * running job before the soak starts ({@link SustainedRateProbe}).
     */
    public record Rate(double value, boolean shareOfSustained) {
        public Rate {
            if (!(value > 0 && Double.isFinite(value)) || (shareOfSustained && value > 1)) {
                throw new IllegalArgumentException(
                        "a rate is a positive number of reviews per second or a share of the"
                                + " sustained rate in (0%, 100%], got "
                                + (shareOfSustained ? value * 100 + "%" : value));
            }
        }

        /** {@code 40} (reviews per second) or {@code 70%} (of the sustained rate). */
        public static Rate parse(String text) {
            String t = text.strip();
            try {
                return t.endsWith("%")
                        ? new Rate(Double.parseDouble(t.substring(0, t.length() - 1)) / 100, true)
                        : new Rate(Double.parseDouble(t), false);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "a rate is a number of reviews per second (40) or a share of the sustained"
                                + " rate (70%), got '"
                                + text
                                + "'");
            }
        }
    }

    /** The sustained-rate probe's warm-up and measured window. */
    private static final Duration PROBE_WARMUP = Duration.ofSeconds(10);

    private static final Duration PROBE_WINDOW = Duration.ofSeconds(30);

    /** One sample; {@code swaps} are the announcements sent so far. */
    public record Sample(
            double seconds,
            long heapUsedAfterGc,
            long offHeapTotalBytes,
            long physicalBytes,
            int swaps,
            long sent,
            long outputs,
            String serving) {}

    /** The run's figures. */
    public record Result(
            List<Sample> samples,
            long sent,
            long outputs,
            int swaps,
            boolean plateau,
            double physicalGrowth,
            double heapGrowth) {}

    private final Settings settings;
    private final PrintStream out;

    public SoakBench(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public Result run() throws Exception {
        Files.createDirectories(settings.workDir());
        Path registryDir = settings.workDir().resolve("registry");
        VarsentConfig config =
                VarsentConfig.defaults()
                        .with(
                                Map.of(
                                        "model.location",
                                        settings.bundle().toString(),
                                        "registry.uri",
                                        registryDir.toString(),
                                        "local.malformed-fraction",
                                        "0",
                                        "dashboard.port",
                                        "0"));
        SentimentModel first = SentimentModel.load(settings.bundle());
        Path second = settings.workDir().resolve(first.version() + "-soak-b.bundle");
        first.withProvenance(first.version() + "-soak-b", first.provenance()).save(second);
        String[] versions = {first.version(), first.version() + "-soak-b"};
        first = null;

        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (LocalStack stack = LocalStack.start(config, quiet)) {
            VarsentConfig local = stack.config();
            LocalRegistry.ensureChampion(local, quiet);
            ModelRegistry registry = ModelRegistry.fromConfig(local);
            BundleInfo secondInfo = registry.publish(second);
            JobID job =
                    stack.startScoringJob(
                            new ChampionPredictorFactory(
                                    local.get(dev.varsent.config.VarsentOptions.REGISTRY_URI),
                                    settings.bundle().toString(),
                                    ScoringSettings.from(local)));
            List<ReviewText> reviews = HeldOutReviews.load(HeldOutReviews.SPLIT_SEED);
            double rate = settings.rate().value();
            long probed = 0;
            double sustainedRate = Double.NaN;
            if (settings.rate().shareOfSustained()) {
                SustainedRateProbe probe =
                        new SustainedRateProbe(local, reviews, PROBE_WARMUP, PROBE_WINDOW);
                SustainedRate sustained =
                        probe.measure(
                                () -> {
                                    if (stack.flink().status(job).isGloballyTerminalState()) {
                                        throw new IllegalStateException(
                                                "the scoring job ended: "
                                                        + stack.flink().status(job));
                                    }
                                });
                probed = probe.produced();
                sustainedRate = sustained.reviewsPerSecond();
                rate = settings.rate().value() * sustainedRate;
                out.println(sustainedJson(sustained, rate));
            }
            final long probedReviews = probed;
            ReviewFeeder feeder =
                    new ReviewFeeder(
                            local.get(BOOTSTRAP_SERVERS),
                            local.get(TOPIC_REVIEWS),
                            reviews,
                            rate,
                            0,
                            "soak-",
                            Long.MAX_VALUE);
            OutputTally tally =
                    new OutputTally(
                            local.get(BOOTSTRAP_SERVERS),
                            local.get(TOPIC_PREDICTIONS),
                            local.get(TOPIC_RELABEL),
                            local.get(TOPIC_DEAD_LETTERS));
            Thread feederThread = new Thread(feeder, "soak-feeder");
            Thread tallyThread = new Thread(tally, "soak-tally");
            tallyThread.start();
            feederThread.start();
            List<Sample> samples = new ArrayList<>();
            int swaps = 0;
            try (ModelUpdatePublisher publisher =
                    new ModelUpdatePublisher(
                            local.get(BOOTSTRAP_SERVERS),
                            local.kafkaClientProperties(),
                            local.get(TOPIC_MODEL_UPDATES))) {
                long start = System.nanoTime();
                long end = start + settings.duration().toNanos();
                long nextSwap = start + settings.swapEvery().toNanos();
                long nextSample = start;
                while (System.nanoTime() < end) {
                    long now = System.nanoTime();
                    if (now >= nextSwap) {
                        String version = versions[(swaps + 1) % 2];
                        Champion champion =
                                registry.promote(version, Map.of(), "soak swap " + (swaps + 1));
                        BundleInfo info = registry.info(version).orElse(secondInfo);
                        publisher.announce(
                                ModelUpdate.of(local.get(REGISTRY_MODEL_NAME), champion, info));
                        swaps++;
                        nextSwap += settings.swapEvery().toNanos();
                    }
                    if (now >= nextSample) {
                        Sample s =
                                sample(
                                        (now - start) / 1e9,
                                        swaps,
                                        probedReviews + feeder.sent(),
                                        outputs(tally),
                                        tally.servingVersion());
                        samples.add(s);
                        out.println(json(s));
                        nextSample += settings.sampleEvery().toNanos();
                    }
                    if (stack.flink().status(job).isGloballyTerminalState()) {
                        throw new IllegalStateException(
                                "the scoring job ended: " + stack.flink().status(job));
                    }
                    Thread.sleep(
                            Math.max(1, Math.min(nextSwap, nextSample) - System.nanoTime())
                                            / 1_000_000
                                    + 1);
                }
                feeder.stop();
                feederThread.join();
                long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
                while (outputs(tally) < probedReviews + feeder.sent()
                        && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                Sample last =
                        sample(
                                (System.nanoTime() - start) / 1e9,
                                swaps,
                                probedReviews + feeder.sent(),
                                outputs(tally),
                                tally.servingVersion());
                samples.add(last);
                out.println(json(last));
            } finally {
                feeder.stop();
                feederThread.join();
                tally.stop();
                tallyThread.join();
            }
            stack.flink().cancel(job, Duration.ofMinutes(1));
            // The plateau is judged on the samples taken while streaming and swapping; the last
            // one, after
            // the drain, comes after a catch-up burst of large batches and is reported on its own.
            Result result =
                    summarise(
                            samples.subList(0, samples.size() - 1),
                            probedReviews + feeder.sent(),
                            outputs(tally),
                            swaps);
            out.println(summaryJson(result, samples.get(samples.size() - 1), rate, sustainedRate));
            return result;
        }
    }

    private static long outputs(OutputTally tally) {
        return tally.predictions() + tally.relabelRequests() + tally.deadLetters();
    }

    private static Sample sample(
            double seconds, int swaps, long sent, long outputs, String serving) {
        System.gc();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new Sample(
                seconds,
                heap,
                Pointer.totalBytes(),
                Pointer.physicalBytes(),
                swaps,
                sent,
                outputs,
                serving);
    }

    /**
     * Plateau: the mean resident memory and the mean heap after GC of the last third of the samples
     * are each at most {@link #PLATEAU_TOLERANCE} above the means of the middle third (the first
     * third holds the start-up and the first loads).
     */
    static Result summarise(List<Sample> samples, long sent, long outputs, int swaps) {
        double physical = growth(samples, Sample::physicalBytes);
        double heap = growth(samples, Sample::heapUsedAfterGc);
        return new Result(
                List.copyOf(samples),
                sent,
                outputs,
                swaps,
                physical <= PLATEAU_TOLERANCE && heap <= PLATEAU_TOLERANCE,
                physical,
                heap);
    }

    private static double growth(
            List<Sample> samples, java.util.function.ToLongFunction<Sample> bytes) {
        int n = samples.size();
        double middle =
                samples.subList(n / 3, Math.max(n / 3 + 1, 2 * n / 3)).stream()
                        .mapToLong(bytes)
                        .average()
                        .orElse(0);
        double last =
                samples.subList(Math.min(n - 1, 2 * n / 3), n).stream()
                        .mapToLong(bytes)
                        .average()
                        .orElse(0);
        return middle == 0 ? 0 : (last - middle) / middle;
    }

    private static String json(Sample s) {
        ObjectNode node = JSON.createObjectNode();
        node.put("metric", "soak_sample");
        node.put("t_s", round(s.seconds(), 1));
        node.put("heap_used_after_gc_bytes", s.heapUsedAfterGc());
        node.put("javacpp_total_bytes", s.offHeapTotalBytes());
        node.put("physical_bytes", s.physicalBytes());
        node.put("swaps", s.swaps());
        node.put("sent", s.sent());
        node.put("outputs", s.outputs());
        node.put("serving", s.serving());
        return node.toString();
    }

    private String sustainedJson(SustainedRate sustained, double rate) {
        ObjectNode node = JSON.createObjectNode();
        node.put("metric", "soak_sustained_rate");
        node.put("sustained_reviews_per_s", round(sustained.reviewsPerSecond(), 1));
        node.put("window_s", round(sustained.windowSeconds(), 1));
        node.put("checkpoint_commits", sustained.steps());
        node.put("share", settings.rate().value());
        node.put("rate_per_s", round(rate, 1));
        return node.toString();
    }

    private String summaryJson(
            Result r, Sample afterDrain, double ratePerSecond, double sustainedRate) {
        ObjectNode node = JSON.createObjectNode();
        node.put("metric", "soak");
        node.put("duration_s", settings.duration().toSeconds());
        node.put("rate_per_s", round(ratePerSecond, 1));
        if (!Double.isNaN(sustainedRate)) {
            node.put("sustained_reviews_per_s", round(sustainedRate, 1));
            node.put("share_of_sustained", settings.rate().value());
        }
        node.put("swap_every_s", settings.swapEvery().toSeconds());
        node.put("swaps", r.swaps());
        node.put("sent", r.sent());
        node.put("outputs", r.outputs());
        node.put("every_review_out_once", r.sent() == r.outputs());
        Sample first = r.samples().get(0);
        Sample last = r.samples().get(r.samples().size() - 1);
        node.put("streaming_samples", r.samples().size());
        node.put("heap_start_bytes", first.heapUsedAfterGc());
        node.put("heap_end_bytes", last.heapUsedAfterGc());
        node.put(
                "heap_max_bytes",
                r.samples().stream().mapToLong(Sample::heapUsedAfterGc).max().orElse(0));
        node.put("javacpp_end_bytes", last.offHeapTotalBytes());
        node.put("physical_start_bytes", first.physicalBytes());
        node.put("physical_end_bytes", last.physicalBytes());
        node.put(
                "physical_max_bytes",
                r.samples().stream().mapToLong(Sample::physicalBytes).max().orElse(0));
        node.put("physical_growth_last_vs_middle_third", round(r.physicalGrowth(), 4));
        node.put("heap_growth_last_vs_middle_third", round(r.heapGrowth(), 4));
        node.put("plateau", r.plateau());
        node.put("after_drain_heap_bytes", afterDrain.heapUsedAfterGc());
        node.put("after_drain_physical_bytes", afterDrain.physicalBytes());
        return node.toString();
    }
}
