package dev.varsent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.varsent.config.ConfigException;
import dev.varsent.config.VarsentConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchConfigurationTest {

    private final VarsentConfig base =
            VarsentConfig.of(Map.of("execution.checkpointing.interval", "2000"));

    @Test
    void aListOfNamedConfigurationsParsesInOrder() {
        List<BenchConfiguration> list =
                BenchConfiguration.parseList(
                        "eo-2s; eo-200ms:execution.checkpointing.interval=200 ;alo:delivery.guarantee=at-least-once, "
                                + "flink.execution.checkpointing.min-pause=100ms;",
                        base);

        assertThat(list)
                .containsExactly(
                        new BenchConfiguration("eo-2s", Map.of()),
                        new BenchConfiguration(
                                "eo-200ms", Map.of("execution.checkpointing.interval", "200")),
                        new BenchConfiguration(
                                "alo",
                                Map.of(
                                        "delivery.guarantee",
                                        "at-least-once",
                                        "flink.execution.checkpointing.min-pause",
                                        "100ms")));
        assertThat(
                        list.get(1)
                                .applyTo(base)
                                .get(dev.varsent.config.VarsentOptions.CHECKPOINT_INTERVAL))
                .isEqualTo(java.time.Duration.ofMillis(200));
    }

    @Test
    void badListsAreRefusedBeforeAnythingRuns() {
        assertThatThrownBy(() -> BenchConfiguration.parseList(" ; ", base))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no configuration");
        assertThatThrownBy(() -> BenchConfiguration.parseList("a:checkpoint.interval-ms", base))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not key=value");
        assertThatThrownBy(
                        () ->
                                BenchConfiguration.parseList(
                                        "a;a:delivery.guarantee=at-least-once", base))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("given twice");
        assertThatThrownBy(() -> BenchConfiguration.parseList("a b", base))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("configuration name");
        assertThatThrownBy(() -> BenchConfiguration.parseList("a:checkpoint.interval=200", base))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'checkpoint.interval'");
        assertThatThrownBy(() -> BenchConfiguration.parseList("a:scoring.batch-size=8", base))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "sets scoring.batch-size: the model-only side is measured once");
        // The predictor reads these too (adaptive sampling follows the router's cut), and the
        // model-only side scores with the run's predictor.
        for (String key : new String[] {"scoring.mc.adaptive=true", "routing.threshold=0.2"}) {
            assertThatThrownBy(() -> BenchConfiguration.parseList("a:" + key, base))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("the model-only side is measured once");
        }
    }
}
