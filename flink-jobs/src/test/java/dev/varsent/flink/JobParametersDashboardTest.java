package dev.varsent.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.varsent.config.VarsentConfig;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;

/** The dashboard's configuration tab of a job shows its options, and none of its secrets. */
class JobParametersDashboardTest {

    @Test
    void theRestApiListsTheJobsOptionsWithSecretsMasked() throws Exception {
        VarsentConfig config =
                VarsentConfig.of(
                        Map.of(
                                "routing.mode",
                                "target-rate",
                                "execution.checkpointing.interval",
                                "500 ms",
                                "kafka.client.sasl.jaas.config",
                                "ScramLoginModule required username=\"u\" password=\"s3cret\";"));
        try (LocalFlinkCluster flink = LocalFlinkCluster.start(0, 1, new Configuration())) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            JobEnvironments.configureStreaming(env, config);
            env.fromData(1, 2, 3).sinkTo(new DiscardingSink<>());
            JobID job = flink.submit(env, "job-parameters");
            flink.awaitResult(job, Duration.ofMinutes(1));

            JsonNode executionConfig =
                    new FlinkRestClient(flink.restAddress())
                            .getJson("/jobs/" + job + "/config")
                            .get("execution-config");
            JsonNode userConfig = executionConfig.get("user-config");
            assertThat(userConfig.path("routing.mode").asText()).isEqualTo("target-rate");
            assertThat(userConfig.path("execution.checkpointing.interval").asText())
                    .isEqualTo("500 ms");
            assertThat(userConfig.path("kafka.client.sasl.jaas.config").asText())
                    .isEqualTo("******");
            assertThat(executionConfig.toString()).doesNotContain("s3cret");
            assertThat(executionConfig.path("job-parallelism").asInt()).isEqualTo(1);
        }
    }
}
