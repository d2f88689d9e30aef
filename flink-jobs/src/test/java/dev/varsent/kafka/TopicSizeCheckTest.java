package dev.varsent.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.varsent.config.ConfigException;
import dev.varsent.config.VarsentConfig;
import dev.varsent.events.RecordBounds;
import dev.varsent.labels.LabelsJob;
import dev.varsent.scoring.ScoringJob;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicSizeCheckTest {

    @Test
    void aTextLimitWhoseEscapedRelabelRequestExceedsTheRequestSizeIsRefused() {
        VarsentConfig config = VarsentConfig.of(Map.of("scoring.max-text-bytes", "500000"));
        long relabel = RecordBounds.from(config).relabelRequest();
        assertThat(relabel).isGreaterThan(TopicSizeCheck.DEFAULT_MAX_REQUEST_SIZE);
        assertThatThrownBy(
                        () ->
                                TopicSizeCheck.verify(
                                        config,
                                        Map.of("relabel-requests", relabel),
                                        Map.of("relabel-requests", 100_000_000L)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        "topic 'relabel-requests' may receive records of up to "
                                + relabel
                                + " bytes, but the producers' max.request.size is 1048576");
        VarsentConfig raised = config.with(Map.of("kafka.client.max.request.size", "4194304"));
        assertThatCode(
                        () ->
                                TopicSizeCheck.verify(
                                        raised,
                                        Map.of("relabel-requests", relabel),
                                        Map.of("relabel-requests", 4_194_304L)))
                .doesNotThrowAnyException();
    }

    @Test
    void theJobsReadTheTopicsLimitFromTheBrokerAndRefuseToStartWhenItIsTooSmall() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(
                    1, Map.of("max.message.bytes", "200000"), List.of("small-dead-letters"));
            kafka.createTopics(1, "ok-predictions", "ok-relabel", "ok-dead-letters");
            VarsentConfig config =
                    VarsentConfig.of(
                            Map.of(
                                    "kafka.bootstrap-servers",
                                    kafka.bootstrapServers(),
                                    "topic.predictions",
                                    "ok-predictions",
                                    "topic.relabel-requests",
                                    "ok-relabel",
                                    "topic.dead-letters",
                                    "small-dead-letters"));
            assertThatThrownBy(() -> ScoringJob.checkOutputTopics(config))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(
                            "refusing to start: topic 'small-dead-letters' may receive records of up to "
                                    + RecordBounds.from(config).deadLetter()
                                    + " bytes")
                    .hasMessageContaining("the topic's max.message.bytes is 200000");
            assertThatThrownBy(() -> LabelsJob.checkOutputTopics(config))
                    .hasMessageContaining("topic 'small-dead-letters'");

            VarsentConfig fits = config.with(Map.of("topic.dead-letters", "ok-dead-letters"));
            assertThatCode(() -> ScoringJob.checkOutputTopics(fits)).doesNotThrowAnyException();
            // A topic not created yet gets the broker's message.max.bytes (about 1 MB by default).
            assertThat(TopicSizeCheck.topicLimits(fits, java.util.Set.of("not-yet")))
                    .containsOnlyKeys("not-yet");
        }
    }
}
