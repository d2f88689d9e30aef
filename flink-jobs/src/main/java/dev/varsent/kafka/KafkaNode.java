package dev.varsent.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/**
 * The one KRaft node (combined broker and controller on 127.0.0.1) an {@link EmbeddedKafka} runs:
 * two free ports, its configuration, and its log directory, a formatted temporary directory that
 * {@link #delete()} removes. It keeps both across a restart.
 */
final class KafkaNode {

    private final Path logDir;
    private final Properties props;
    private final int brokerPort;

    private KafkaNode(Path logDir, Properties props, int brokerPort) {
        this.logDir = logDir;
        this.props = props;
        this.brokerPort = brokerPort;
    }

    /** Takes the ports, writes the configuration and formats a fresh log directory. */
    static KafkaNode prepare() {
        Path logDir;
        try {
            logDir = Files.createTempDirectory("varsent-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the broker's log directory", e);
        }
        try {
            int[] ports = freePorts(2);
            int brokerPort = ports[0];
            int controllerPort = ports[1];
            Properties props = brokerProperties(logDir, brokerPort, controllerPort);
            format(logDir, props);
            return new KafkaNode(logDir, props, brokerPort);
        } catch (RuntimeException e) {
            deleteRecursively(logDir);
            throw e;
        }
    }

    Path logDir() {
        return logDir;
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** A fresh server configuration of this node. */
    KafkaConfig config() {
        return new KafkaConfig(props, false);
    }

    private static Properties brokerProperties(Path logDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty(
                "listeners",
                "PLAINTEXT://127.0.0.1:"
                        + brokerPort
                        + ",CONTROLLER://127.0.0.1:"
                        + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toAbsolutePath().toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Flink's KafkaSink keeps transactions open for a checkpoint interval; 15 minutes is
        // Kafka's own default.
        p.setProperty("transaction.max.timeout.ms", "900000");
        return p;
    }

    private static void format(Path logDir, Properties props) {
        Path propsFile = logDir.resolve("server.properties");
        try (var out = Files.newOutputStream(propsFile)) {
            props.store(out, "varsent embedded Kafka");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int exit;
        try (PrintStream printStream = new PrintStream(log, true, StandardCharsets.UTF_8)) {
            // execute(...) returns the exit code; main(...) would call System.exit.
            exit =
                    StorageTool.execute(
                            new String[] {
                                "format",
                                "-t",
                                Uuid.randomUuid().toString(),
                                "-c",
                                propsFile.toString(),
                                "--ignore-formatted"
                            },
                            printStream);
        }
        if (exit != 0) {
            throw new IllegalStateException(
                    "formatting the Kafka log directory failed: "
                            + log.toString(StandardCharsets.UTF_8));
        }
    }

    /**
     * {@code n} distinct free ports: the sockets stay open until all are taken, so the system
     * cannot hand out the same port twice.
     */
    private static int[] freePorts(int n) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                socket.setReuseAddress(true);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // Closing a listening socket that accepted nothing does not fail in practice.
                }
            }
        }
    }

    /** Deletes the log directory and all in it. */
    void delete() {
        deleteRecursively(logDir);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
