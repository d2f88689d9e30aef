package dev.varsent.kafka;

import static dev.varsent.config.VarsentOptions.BOOTSTRAP_SERVERS;

import dev.varsent.config.ConfigException;
import dev.varsent.config.VarsentConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Checks, before a job starts, that each output topic can hold the largest record the job may write
 * to it: the bound must not exceed the producers' {@code max.request.size} (from {@code
 * kafka.client.max.request.size}, Kafka's default 1 MiB) nor the topic's {@code max.message.bytes}
 * as the broker reports it (for a topic that does not exist yet, the broker's {@code
 * message.max.bytes}, which an auto-created topic inherits). Refuses with a {@link ConfigException}
 * naming every topic that is too small and the settings to raise, or when the limits cannot be
 * read.
 */
public final class TopicSizeCheck {

    public static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;
    private static final long TIMEOUT_S = 30;

    private TopicSizeCheck() {}

    /** The producers' {@code max.request.size}. */
    public static long maxRequestSize(VarsentConfig config) {
        String configured =
                config.kafkaClientProperties().getProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        if (configured == null) {
            return DEFAULT_MAX_REQUEST_SIZE;
        }
        try {
            return Long.parseLong(configured.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(
                    "kafka.client.max.request.size is not a number: '" + configured + "'");
        }
    }

    /**
     * Refuses unless every {@code topic -> largest record} of {@code bounds} fits the producers and
     * the topics on Kafka.
     */
    public static void verify(VarsentConfig config, Map<String, Long> bounds) {
        verify(config, bounds, topicLimits(config, bounds.keySet()));
    }

    /**
     * As {@link #verify(VarsentConfig, Map)}, with each topic's {@code max.message.bytes} given.
     */
    static void verify(
            VarsentConfig config, Map<String, Long> bounds, Map<String, Long> topicLimits) {
        long maxRequest = maxRequestSize(config);
        List<String> errors = new ArrayList<>();
        bounds.forEach(
                (topic, largest) -> {
                    long limit = Math.min(maxRequest, topicLimits.get(topic));
                    if (largest > limit) {
                        errors.add(
                                "topic '"
                                        + topic
                                        + "' may receive records of up to "
                                        + largest
                                        + " bytes, but the producers'"
                                        + " max.request.size is "
                                        + maxRequest
                                        + " and the topic's max.message.bytes is "
                                        + topicLimits.get(topic));
                    }
                });
        if (!errors.isEmpty()) {
            throw new ConfigException(
                    "refusing to start: "
                            + String.join("; ", errors)
                            + ". Raise "
                            + "kafka.client.max.request.size and the topics' max.message.bytes, or lower scoring.max-text-bytes, "
                            + "input.max-field-bytes or dead-letters.max-payload-bytes");
        }
    }

    /**
     * Each topic's {@code max.message.bytes}; the broker's {@code message.max.bytes} for a topic
     * not created yet.
     */
    static Map<String, Long> topicLimits(VarsentConfig config, Set<String> topics) {
        try (Admin admin = KafkaClients.admin(config)) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
            Map<String, Long> limits = new LinkedHashMap<>();
            List<ConfigResource> resources = new ArrayList<>();
            for (String topic : topics) {
                if (existing.contains(topic)) {
                    resources.add(new ConfigResource(ConfigResource.Type.TOPIC, topic));
                }
            }
            Map<ConfigResource, Config> described =
                    admin.describeConfigs(resources).all().get(TIMEOUT_S, TimeUnit.SECONDS);
            for (ConfigResource resource : resources) {
                limits.put(
                        resource.name(),
                        number(described.get(resource).get("max.message.bytes"), resource));
            }
            if (limits.size() < topics.size()) {
                String broker =
                        String.valueOf(
                                admin.describeCluster()
                                        .nodes()
                                        .get(TIMEOUT_S, TimeUnit.SECONDS)
                                        .iterator()
                                        .next()
                                        .id());
                ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER, broker);
                long brokerLimit =
                        number(
                                admin.describeConfigs(List.of(resource))
                                        .all()
                                        .get(TIMEOUT_S, TimeUnit.SECONDS)
                                        .get(resource)
                                        .get("message.max.bytes"),
                                resource);
                for (String topic : topics) {
                    limits.putIfAbsent(topic, brokerLimit);
                }
            }
            return limits;
        } catch (ExecutionException | TimeoutException e) {
            throw new ConfigException(
                    "refusing to start: cannot read the topics' max.message.bytes from Kafka at "
                            + config.get(BOOTSTRAP_SERVERS)
                            + ": "
                            + (e.getCause() != null ? e.getCause() : e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("interrupted while reading the topics' max.message.bytes");
        }
    }

    private static long number(ConfigEntry entry, ConfigResource resource) {
        if (entry == null || entry.value() == null) {
            throw new ConfigException("refusing to start: " + resource + " reports no size limit");
        }
        return Long.parseLong(entry.value());
    }
}
