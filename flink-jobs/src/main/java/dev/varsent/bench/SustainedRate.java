package dev.varsent.bench;

import dev.varsent.bench.OutputTimeline.Visible;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sustained throughput read off the timeline of a backlog's outputs. With exactly-once the outputs
 * become visible in steps, one per checkpoint commit, so the rate is taken between two steps: from
 * the first step at least {@code warmup} after the first outputs appeared (JIT, first batches and
 * the first checkpoint are left out) to the last step within {@code window} of it that still left
 * part of the backlog to score (so the job was busy all along). Polls closer together than {@code
 * sameStep} are one step.
 *
 * @param reviewsPerSecond outputs per second between the two steps
 * @param windowSeconds time between the two steps
 * @param outputs outputs that became visible between them
 * @param steps steps (checkpoint commits) in the window, the last one included
 * @param startNanos the first step's time (this JVM's clock)
 * @param endNanos the last step's time
 */
record SustainedRate(
        double reviewsPerSecond,
        double windowSeconds,
        long outputs,
        int steps,
        long startNanos,
        long endNanos) {

    static SustainedRate measure(
            List<Visible> timeline,
            long backlog,
            Duration warmup,
            Duration window,
            Duration sameStep) {
        List<Visible> steps = steps(timeline, sameStep.toNanos());
        if (steps.isEmpty()) {
            throw new IllegalStateException("no outputs became visible");
        }
        long firstOutputs = steps.get(0).nanos();
        int from = -1;
        for (int i = 0; i < steps.size() && from < 0; i++) {
            if (steps.get(i).nanos() - firstOutputs >= warmup.toNanos()
                    && steps.get(i).count() < backlog) {
                from = i;
            }
        }
        int to = -1;
        for (int i = Math.max(from + 1, 1); from >= 0 && i < steps.size(); i++) {
            Visible step = steps.get(i);
            if (step.count() < backlog
                    && step.nanos() - steps.get(from).nanos() <= window.toNanos()) {
                to = i;
            }
        }
        if (from < 0 || to < 0) {
            throw new IllegalStateException(
                    "fewer than two checkpoint commits came after the warm-up of "
                            + warmup.toSeconds()
                            + " s with part of the backlog of "
                            + backlog
                            + " reviews still to score: give a longer --duration or a shorter"
                            + " --warmup");
        }
        Visible start = steps.get(from);
        Visible end = steps.get(to);
        double seconds = (end.nanos() - start.nanos()) / 1e9;
        return new SustainedRate(
                (end.count() - start.count()) / seconds,
                seconds,
                end.count() - start.count(),
                to - from,
                start.nanos(),
                end.nanos());
    }

    /**
     * Merges the polls that come less than {@code sameStepNanos} after the first poll of a step
     * into that step, which then ends at the last of them with its count.
     */
    static List<Visible> steps(List<Visible> timeline, long sameStepNanos) {
        List<Visible> steps = new ArrayList<>();
        long stepStart = Long.MIN_VALUE;
        for (Visible poll : timeline) {
            if (!steps.isEmpty() && poll.nanos() - stepStart < sameStepNanos) {
                steps.set(steps.size() - 1, poll);
            } else {
                steps.add(poll);
                stepStart = poll.nanos();
            }
        }
        return steps;
    }
}
