package dev.varsent.routing;

import static dev.varsent.config.VarsentOptions.ROUTING_MODE;
import static dev.varsent.config.VarsentOptions.ROUTING_SIGNAL;
import static dev.varsent.config.VarsentOptions.ROUTING_TARGET_RATE;
import static dev.varsent.config.VarsentOptions.ROUTING_THRESHOLD;
import static dev.varsent.config.VarsentOptions.ROUTING_WARMUP;
import static dev.varsent.config.VarsentOptions.ROUTING_WINDOW;

import dev.varsent.config.RoutingMode;
import dev.varsent.config.VarsentConfig;
import dev.varsent.predict.UncertaintySignal;
import java.io.Serializable;

/** The routing options of the job, shipped to every routing subtask. */
public record RoutingSettings(
        RoutingMode mode,
        UncertaintySignal signal,
        double threshold,
        double targetRate,
        int window,
        int warmup)
        implements Serializable {

    public static RoutingSettings from(VarsentConfig config) {
        return new RoutingSettings(
                config.get(ROUTING_MODE),
                config.get(ROUTING_SIGNAL),
                config.get(ROUTING_THRESHOLD),
                config.get(ROUTING_TARGET_RATE),
                config.get(ROUTING_WINDOW),
                config.get(ROUTING_WARMUP));
    }

    public static RoutingSettings threshold(UncertaintySignal signal, double threshold) {
        return new RoutingSettings(RoutingMode.THRESHOLD, signal, threshold, 0.05, 2000, 200);
    }

    public RoutingRule newRule() {
        return switch (mode) {
            case THRESHOLD -> new ThresholdRule(threshold);
            case TARGET_RATE -> new TargetRateRule(targetRate, window, warmup, threshold);
        };
    }
}
