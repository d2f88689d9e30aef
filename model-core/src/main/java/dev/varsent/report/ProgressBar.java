package dev.varsent.report;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A progress line for training runs: {@code epoch 3/50 [=========> ] 41/75 batches 2.3 batch/s loss
 * 0.8123 ETA 0:15}.
 *
 * <p>On a terminal the line is redrawn in place (carriage return, at most ten times a second).
 * Without one (CI, pipes, log files) a plain line is printed at most every five seconds, so logs
 * stay short; {@link #finish} always prints. Not thread-safe: one bar per loop.
 */
public final class ProgressBar {

    static final long INTERACTIVE_INTERVAL_NANOS = 100_000_000L;
    static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;
    private static final int BAR_WIDTH = 20;

    private final PrintStream out;
    private final String label;
    private final int total;
    private final boolean interactive;
    private final LongSupplier nanoTime;
    private final long start;
    private String unit = "batch";
    private String units = "batches";
    private long lastPrint;
    private int lastLength;
    private int done;
    private boolean finished;

    /** Interactive when the JVM has a console, timed by {@link System#nanoTime}. */
    public ProgressBar(PrintStream out, String label, int total) {
        this(out, label, total, System.console() != null, System::nanoTime);
    }

    public ProgressBar(
            PrintStream out, String label, int total, boolean interactive, LongSupplier nanoTime) {
        if (total < 1) {
            throw new IllegalArgumentException("total must be positive, got " + total);
        }
        this.out = Objects.requireNonNull(out, "out");
        this.label = Objects.requireNonNull(label, "label");
        this.total = total;
        this.interactive = interactive;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.start = nanoTime.getAsLong();
        this.lastPrint = start;
    }

    /** Names what is counted, e.g. ("review", "reviews"); the default is ("batch", "batches"). */
    public ProgressBar unit(String singular, String plural) {
        this.unit = Objects.requireNonNull(singular, "singular");
        this.units = Objects.requireNonNull(plural, "plural");
        return this;
    }

    /**
     * Records that {@code done} of the total are complete (clamped to [0, total]); {@code extra},
     * e.g. "loss 0.8123", is shown after the rate and may be null.
     */
    public void update(int done, String extra) {
        if (finished) {
            throw new IllegalStateException("progress bar '" + label + "' already finished");
        }
        this.done = Math.max(0, Math.min(done, total));
        long now = nanoTime.getAsLong();
        long interval = interactive ? INTERACTIVE_INTERVAL_NANOS : PLAIN_INTERVAL_NANOS;
        if (now - lastPrint < interval && !(interactive && this.done == total)) {
            return;
        }
        lastPrint = now;
        print(progressLine(this.done, extra, now), false);
    }

    /** Prints the final line (elapsed time instead of ETA) followed by a line break. */
    public void finish(String summary) {
        if (finished) {
            throw new IllegalStateException("progress bar '" + label + "' already finished");
        }
        finished = true;
        long now = nanoTime.getAsLong();
        StringBuilder line = head(done, now);
        line.append("  in ").append(duration((now - start) / 1e9));
        appendPart(line, summary);
        print(line.toString(), true);
    }

    private String progressLine(int done, String extra, long now) {
        StringBuilder line = head(done, now);
        appendPart(line, extra);
        double rate = rate(done, now);
        line.append("  ETA ").append(rate > 0 ? duration((total - done) / rate) : "-:--");
        return line.toString();
    }

    /** Label, bar (or percentage in plain mode), count and rate. */
    private StringBuilder head(int done, long now) {
        StringBuilder line = new StringBuilder(label);
        if (interactive) {
            line.append(' ').append(bar(done));
        }
        line.append(' ').append(done).append('/').append(total).append(' ').append(units);
        if (!interactive) {
            line.append(" (").append(100L * done / total).append("%)");
        }
        line.append("  ").append(rateText(rate(done, now)));
        return line;
    }

    private void print(String line, boolean last) {
        if (interactive) {
            // Blank out what is left of a longer previous line.
            int padding = Math.max(0, lastLength - line.length());
            out.print("\r" + line + " ".repeat(padding));
            lastLength = line.length();
            if (last) {
                out.println();
            }
        } else {
            out.println(line);
        }
        out.flush();
    }

    private double rate(int done, long now) {
        long elapsed = now - start;
        return elapsed > 0 && done > 0 ? done / (elapsed / 1e9) : 0.0;
    }

    private String rateText(double perSecond) {
        if (perSecond <= 0) {
            return "- " + unit + "/s";
        }
        if (perSecond >= 1) {
            return String.format(Locale.ROOT, "%.1f %s/s", perSecond, unit);
        }
        return String.format(Locale.ROOT, "%.1f s/%s", 1 / perSecond, unit);
    }

    static String bar(int done, int total, int width) {
        int filled = (int) ((long) done * width / total);
        StringBuilder bar = new StringBuilder(width + 2).append('[');
        if (filled == width) {
            bar.append("=".repeat(width));
        } else {
            bar.append("=".repeat(filled)).append('>').append(" ".repeat(width - filled - 1));
        }
        return bar.append(']').toString();
    }

    private String bar(int done) {
        return bar(done, total, BAR_WIDTH);
    }

    /** m:ss below an hour, h:mm:ss from there, rounded to whole seconds. */
    static String duration(double seconds) {
        long s = Math.round(Math.max(0, seconds));
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    private static void appendPart(StringBuilder line, String part) {
        if (part != null && !part.isBlank()) {
            line.append("  ").append(part);
        }
    }
}
