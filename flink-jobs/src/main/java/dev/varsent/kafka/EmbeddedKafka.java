package dev.varsent.kafka;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka (KRaft, combined broker and controller) running inside this JVM on
 * 127.0.0.1 with free ports and a temporary log directory that {@link #close()} deletes.
 *
 * <p>It is configured for transactions on one node (replication factor and min ISR of the internal
 * topics set to 1), so transactional producers and {@code read_committed} consumers work. For fault
 * tests it can be {@link #stop() stopped} and {@link #restart() restarted} on the same log
 * directory and ports.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final KafkaNode node;
    private KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafka(KafkaNode node, KafkaRaftServer server) {
        this.node = node;
        this.server = server;
    }

    /** Formats a fresh log directory and starts the broker; returns once it accepts connections. */
    public static EmbeddedKafka start() {
        KafkaNode node = KafkaNode.prepare();
        try {
            KafkaRaftServer server = new KafkaRaftServer(node.config(), Time.SYSTEM);
            server.startup();
            EmbeddedKafka kafka = new EmbeddedKafka(node, server);
            kafka.awaitReady();
            return kafka;
        } catch (RuntimeException e) {
            node.delete();
            throw e;
        }
    }

    /** The broker's log directory, deleted by {@link #close()}. */
    public Path logDir() {
        return node.logDir();
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return node.bootstrapServers();
    }

    /**
     * Creates each topic with {@code partitions} partitions; a topic that already exists is left
     * alone.
     */
    public void createTopics(int partitions, Collection<String> topics) {
        createTopics(partitions, Map.of(), topics);
    }

    /**
     * Creates each topic with {@code partitions} partitions and the topic configs {@code configs}
     * (e.g. {@code cleanup.policy=compact}); a topic that already exists is left alone.
     */
    public void createTopics(
            int partitions, Map<String, String> configs, Collection<String> topics) {
        try (Admin admin = admin()) {
            List<NewTopic> newTopics = new ArrayList<>();
            for (String topic : topics) {
                newTopics.add(new NewTopic(topic, partitions, (short) 1).configs(configs));
            }
            for (var result : admin.createTopics(newTopics).values().entrySet()) {
                try {
                    result.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(
                                "cannot create topic " + result.getKey(), e.getCause());
                    }
                }
            }
            awaitServed(admin, topics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out creating topics " + topics, e);
        }
    }

    /**
     * Waits until the broker serves every partition of {@code topics} with a leader. The controller
     * acknowledges a creation before the broker's metadata cache has it, and a client asking in
     * between (a Flink Kafka source listing its partitions, for one) gets {@code
     * UnknownTopicOrPartitionException}.
     */
    private static void awaitServed(Admin admin, Collection<String> topics)
            throws InterruptedException, java.util.concurrent.TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                boolean served =
                        admin
                                .describeTopics(topics)
                                .allTopicNames()
                                .get(30, TimeUnit.SECONDS)
                                .values()
                                .stream()
                                .flatMap(d -> d.partitions().stream())
                                .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                if (served) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause()
                        instanceof
                        org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException(
                            "cannot describe topics " + topics, e.getCause());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new java.util.concurrent.TimeoutException(
                        "topics " + topics + " not served by the broker after 30 s");
            }
            Thread.sleep(20);
        }
    }

    public void createTopics(int partitions, String... topics) {
        createTopics(partitions, List.of(topics));
    }

    /** An admin client for this broker; the caller closes it. */
    public Admin admin() {
        return KafkaClients.admin(bootstrapServers(), new Properties());
    }

    /**
     * Shuts the broker down as a broker process going down would (a controlled shutdown: its logs
     * are flushed), keeping its log directory and ports; clients see it unreachable until {@link
     * #restart()}.
     */
    public synchronized void stop() {
        if (closed) {
            throw new IllegalStateException("the broker is closed");
        }
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    /**
     * Starts a stopped broker again on the same log directory and ports, so clients reconnect to
     * the same address and find every committed record and transaction; returns once it accepts
     * connections.
     */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("the broker is closed");
        }
        if (server != null) {
            throw new IllegalStateException("the broker is running; stop() it first");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                KafkaRaftServer restarted = new KafkaRaftServer(node.config(), Time.SYSTEM);
                restarted.startup();
                server = restarted;
                break;
            } catch (RuntimeException e) {
                // The old listener's port can take a moment to be free again.
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                sleepBriefly();
            }
        }
        awaitReady();
    }

    /** Whether the broker is running (started, or restarted after {@link #stop()}). */
    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (server != null) {
                server.shutdown();
                server.awaitShutdown();
            }
        } finally {
            node.delete();
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restarting Kafka", e);
        }
    }

    private void awaitReady() {
        try (Admin admin = admin()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("embedded Kafka did not become ready", e);
                    }
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }
}
