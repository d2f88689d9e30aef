package dev.varsent.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.cli.Main;
import dev.varsent.config.VarsentConfig;
import dev.varsent.config.VarsentOptions;
import dev.varsent.flink.JobEnvironments;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs where this project is built, so the compose files are checked against the
 * project instead of started: image tags against the build's versions, ports against what listens,
 * volumes against the paths the configuration names, topics against {@code topic.*}, Flink keys
 * against Flink's own options, commands against the CLI.
 */
class ComposeFileTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path DOCKER = REPO.resolve("docker");
    private static final String CONF_IN_CONTAINER = "/opt/varsent/conf/";
    private static final String MODELS_IN_CONTAINER = "/opt/varsent/models";
    private static final String JOB_JAR_IN_CONTAINER = "/opt/flink/usrlib/varsent-job.jar";

    /** Options of Flink's Prometheus reporter and GPU driver: plugins, not on this class path. */
    private static final Set<String> PLUGIN_OPTIONS =
            Set.of(
                    "port",
                    "filterLabelValueCharacters",
                    "discovery-script.path",
                    "discovery-script.args");

    private static Map<String, Object> compose;
    private static Map<String, Object> gpuCompose;
    private static Map<String, String> pomProperties;
    private static String projectVersion;
    private static String dockerfile;

    @BeforeAll
    static void read() throws IOException {
        compose = yaml(DOCKER.resolve("docker-compose.yml"));
        gpuCompose = yaml(DOCKER.resolve("docker-compose.gpu.yml"));
        String pom = Files.readString(REPO.resolve("pom.xml"));
        pomProperties = new LinkedHashMap<>();
        Matcher property = Pattern.compile("<([a-z0-9.-]+\\.version)>([^<]+)</").matcher(pom);
        while (property.find()) {
            pomProperties.put(property.group(1), property.group(2));
        }
        Matcher version =
                Pattern.compile(
                                "<artifactId>varsent-parent</artifactId>\\s*<version>([^<]+)</version>")
                        .matcher(pom);
        assertThat(version.find()).isTrue();
        projectVersion = version.group(1);
        dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws IOException {
        return (Map<String, Object>) new Yaml().load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services(Map<String, Object> file) {
        return (Map<String, Map<String, Object>>) file.get("services");
    }

    private static Map<String, Map<String, Object>> allServices() {
        Map<String, Map<String, Object>> all = new LinkedHashMap<>(services(compose));
        all.putAll(services(gpuCompose));
        return all;
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Map<String, Object> service, String key) {
        Object value = service.get(key);
        return value == null
                ? List.of()
                : ((List<Object>) value).stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> out = new LinkedHashMap<>();
        Object env = service.get("environment");
        if (env != null) {
            ((Map<String, Object>) env).forEach((k, v) -> out.put(k, String.valueOf(v)));
        }
        return out;
    }

    private static String script(Map<String, Object> service) {
        Object command = service.get("command");
        return command instanceof String single
                ? single
                : String.join("\n", list(service, "command"));
    }

    /**
     * FLINK_PROPERTIES of the service as key -> value; fails on a line that is not "key: value".
     */
    private static Map<String, String> flinkProperties(
            String service, Map<String, Object> definition) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line :
                environment(definition).getOrDefault("FLINK_PROPERTIES", "").split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            assertThat(line)
                    .as(service + ": FLINK_PROPERTIES line (a comment would become a junk key)")
                    .doesNotStartWith("#")
                    .matches("[A-Za-z0-9._-]+: \\S.*");
            int colon = line.indexOf(": ");
            out.put(line.substring(0, colon), line.substring(colon + 2).strip());
        }
        return out;
    }

    private static VarsentConfig clusterConfig() {
        return VarsentConfig.load(REPO.resolve("conf/cluster.properties"));
    }

    @Test
    void imagesArePinnedBuiltFromTheRepositoryAndMatchTheBuildsVersions() {
        for (var entry : allServices().entrySet()) {
            String image = String.valueOf(entry.getValue().get("image"));
            assertThat(image)
                    .as(entry.getKey() + " image")
                    .matches("[a-z0-9./-]+:[A-Za-z0-9._-]+")
                    .doesNotEndWith(":latest");
            if (image.startsWith("varsent-")) {
                assertThat(image).as(entry.getKey()).endsWith(":" + projectVersion);
                @SuppressWarnings("unchecked")
                Map<String, Object> build = (Map<String, Object>) entry.getValue().get("build");
                assertThat(build).as(entry.getKey() + " builds its image").isNotNull();
                assertThat(
                                DOCKER.resolve(String.valueOf(build.get("context")))
                                        .resolve(String.valueOf(build.get("dockerfile")))
                                        .normalize())
                        .isEqualTo(DOCKER.resolve("Dockerfile"));
                assertThat(entry.getValue().get("platform"))
                        .as(entry.getKey() + ": the natives are linux-x86_64")
                        .isEqualTo("linux/amd64");
            }
            if (image.startsWith("apache/kafka:")) {
                assertThat(image).isEqualTo("apache/kafka:" + pomProperties.get("kafka.version"));
            }
        }
        assertThat(dockerfile)
                .contains(
                        "FROM --platform=linux/amd64 flink:"
                                + pomProperties.get("flink.version")
                                + "-scala_2.12-java17");
        assertThat(dockerfile)
                .contains("-P\"${MAVEN_PROFILES}\"")
                .contains("ARG MAVEN_PROFILES=cluster");
        assertThat(dockerfile)
                .contains("/src/flink-jobs/target/varsent-job.jar " + JOB_JAR_IN_CONTAINER);
    }

    @Test
    void publishedPortsBindTheLoopbackOnlyAndMatchWhatListens() throws IOException {
        Map<String, String> published = new LinkedHashMap<>();
        for (var entry : allServices().entrySet()) {
            for (String port : list(entry.getValue(), "ports")) {
                assertThat(port)
                        .as(entry.getKey() + " publishes on the host only")
                        .matches("127\\.0\\.0\\.1:\\d+:\\d+");
                published.put(entry.getKey(), port.substring(port.lastIndexOf(':') + 1));
            }
        }
        Map<String, String> flink =
                flinkProperties("jobmanager", services(compose).get("jobmanager"));
        assertThat(published.get("jobmanager")).isEqualTo(flink.getOrDefault("rest.port", "8081"));
        assertThat(flink.get("rest.bind-address")).isEqualTo("0.0.0.0");

        Map<String, String> kafka = environment(services(compose).get("kafka"));
        assertThat(kafka.get("KAFKA_LISTENERS")).contains("EXTERNAL://:" + published.get("kafka"));
        assertThat(kafka.get("KAFKA_ADVERTISED_LISTENERS"))
                .contains("EXTERNAL://localhost:" + published.get("kafka"));
        Matcher internal =
                Pattern.compile("PLAINTEXT://([a-z-]+:\\d+)")
                        .matcher(kafka.get("KAFKA_ADVERTISED_LISTENERS"));
        assertThat(internal.find()).isTrue();
        assertThat(clusterConfig().get(VarsentOptions.BOOTSTRAP_SERVERS))
                .isEqualTo(internal.group(1));
        assertThat(script(services(compose).get("create-topics")))
                .contains("--bootstrap-server " + internal.group(1));

        String prometheus = Files.readString(DOCKER.resolve("prometheus/prometheus.yml"));
        for (String service : List.of("jobmanager", "taskmanager")) {
            String reporterPort =
                    flinkProperties(service, services(compose).get(service))
                            .get("metrics.reporter.prom.port");
            assertThat(prometheus)
                    .contains(
                            "names: ["
                                    + service
                                    + "]\n        type: A\n        port: "
                                    + reporterPort);
        }
        String datasource =
                Files.readString(DOCKER.resolve("grafana/provisioning/datasources/prometheus.yml"));
        assertThat(datasource).contains("url: http://prometheus:" + published.get("prometheus"));
        assertThat(published.get("grafana")).isEqualTo("3000");
    }

    @Test
    void everyFlinkKeyIsAFlinkOptionAndTheClusterIsLockedDown() throws Exception {
        Set<String> known = flinkOptionKeys();
        for (var entry : allServices().entrySet()) {
            Map<String, String> flink = flinkProperties(entry.getKey(), entry.getValue());
            for (String key : flink.keySet()) {
                assertThat(isFlinkOption(key, known))
                        .as(entry.getKey() + ": Flink option " + key)
                        .isTrue();
            }
            if (!flink.isEmpty()) {
                assertThat(flink.get("metrics.reporter.prom.factory.class"))
                        .isEqualTo("org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
                assertThat(flink.get("classloader.parent-first-patterns.additional"))
                        .contains("org.nd4j.", "org.bytedeco.");
                assertThat(flink.get("env.java.opts.all"))
                        .contains("--add-modules jdk.incubator.vector");
                assertThat(flink.get("jobmanager.rpc.address")).isIn(services(compose).keySet());
            }
        }
        Map<String, String> jobManager =
                flinkProperties("jobmanager", services(compose).get("jobmanager"));
        assertThat(jobManager.get("web.submit.enable")).isEqualTo("false");
        assertThat(dockerfile).contains("metrics-prometheus");
        Map<String, String> gpu =
                flinkProperties("taskmanager-gpu", services(gpuCompose).get("taskmanager-gpu"));
        assertThat(gpu.get("external-resources")).isEqualTo("gpu");
        assertThat(gpu.get("external-resource.gpu.driver-factory.class"))
                .isEqualTo("org.apache.flink.externalresource.gpu.GPUDriverFactory");
        assertThat(String.valueOf(services(gpuCompose).get("taskmanager-gpu").get("build")))
                .contains("cluster,cuda");
    }

    private static boolean isFlinkOption(String key, Set<String> known) {
        if (known.contains(key)) {
            return true;
        }
        Matcher reporter =
                Pattern.compile("metrics\\.reporter\\.[A-Za-z0-9_]+\\.(.+)").matcher(key);
        if (reporter.matches()) {
            return known.contains("metrics.reporter.<name>." + reporter.group(1))
                    || PLUGIN_OPTIONS.contains(reporter.group(1));
        }
        Matcher resource =
                Pattern.compile(
                                "external-resource\\.[A-Za-z0-9_]+\\.(amount|driver-factory\\.class|param\\.(.+))")
                        .matcher(key);
        return resource.matches()
                && (resource.group(2) == null || PLUGIN_OPTIONS.contains(resource.group(2)));
    }

    /**
     * The keys (and deprecated keys) of every ConfigOption Flink declares in the option classes
     * used here.
     */
    private static Set<String> flinkOptionKeys() throws Exception {
        Set<String> keys = new HashSet<>();
        for (String name :
                List.of(
                        "CoreOptions",
                        "JobManagerOptions",
                        "TaskManagerOptions",
                        "RestOptions",
                        "WebOptions",
                        "CheckpointingOptions",
                        "MetricOptions",
                        "RestartStrategyOptions",
                        "StateRecoveryOptions",
                        "ExternalResourceOptions",
                        "ClusterOptions",
                        "SecurityOptions",
                        "StateBackendOptions",
                        "PipelineOptions",
                        "DeploymentOptions",
                        "BlobServerOptions",
                        "ResourceManagerOptions",
                        "HighAvailabilityOptions")) {
            Class<?> options = Class.forName("org.apache.flink.configuration." + name);
            for (Field field : options.getFields()) {
                if (Modifier.isStatic(field.getModifiers())
                        && ConfigOption.class.isAssignableFrom(field.getType())) {
                    ConfigOption<?> option = (ConfigOption<?>) field.get(null);
                    keys.add(option.key());
                    option.fallbackKeys().forEach(k -> keys.add(k.getKey()));
                }
            }
        }
        // MetricOptions declares the per-reporter options without their prefix.
        for (Field field :
                Class.forName("org.apache.flink.configuration.MetricOptions").getFields()) {
            if (field.getName().startsWith("REPORTER_")
                    && ConfigOption.class.isAssignableFrom(field.getType())) {
                keys.add("metrics.reporter.<name>." + ((ConfigOption<?>) field.get(null)).key());
            }
        }
        return keys;
    }

    /**
     * On the cluster, Flink's own keys are the cluster's (JobEnvironments): cluster.properties must
     * not set one the cluster sets (it would be ignored), and the job's rules must hold with the
     * cluster's values.
     */
    @Test
    void flinksOwnKeysAreTheClustersAndTheJobsRulesHoldWithThem() {
        VarsentConfig config = clusterConfig();
        Map<String, String> flink =
                flinkProperties("taskmanager", services(compose).get("taskmanager"));
        for (ConfigOption<?> option :
                List.of(
                        VarsentOptions.PARALLELISM,
                        VarsentOptions.CHECKPOINT_INTERVAL,
                        VarsentOptions.CHECKPOINT_TIMEOUT)) {
            if (flink.containsKey(option.key())) {
                assertThat(config.isExplicit(option))
                        .as(option.key() + " is set by the cluster")
                        .isFalse();
            }
        }
        assertThat(flink).containsKey(VarsentOptions.PARALLELISM.key());
        VarsentConfig onCluster =
                JobEnvironments.effective(
                        new StreamExecutionEnvironment(Configuration.fromMap(flink)), config);
        assertThat(onCluster.get(VarsentOptions.PARALLELISM))
                .isEqualTo(Integer.parseInt(flink.get("parallelism.default")));
        // the scoring job, the labels job and a retrain job at once
        assertThat(3 * onCluster.get(VarsentOptions.PARALLELISM))
                .isLessThanOrEqualTo(Integer.parseInt(flink.get("taskmanager.numberOfTaskSlots")));
        long brokerMax =
                Long.parseLong(
                        environment(services(compose).get("kafka"))
                                .get("KAFKA_TRANSACTION_MAX_TIMEOUT_MS"));
        assertThat(onCluster.get(VarsentOptions.TRANSACTION_TIMEOUT).toMillis())
                .isLessThanOrEqualTo(brokerMax);
    }

    @Test
    void volumesAreDeclaredAndHoldWhatTheConfigurationNames() {
        @SuppressWarnings("unchecked")
        Set<String> declared = ((Map<String, Object>) compose.get("volumes")).keySet();
        Map<String, Map<String, String>> mounts = new LinkedHashMap<>();
        for (var entry : allServices().entrySet()) {
            Map<String, String> byTarget = new LinkedHashMap<>();
            for (String volume : list(entry.getValue(), "volumes")) {
                // source:target[:mode], where the source may be ${VARIABLE:-default}
                int sourceEnd =
                        volume.startsWith("${") ? volume.indexOf('}') + 1 : volume.indexOf(':');
                String source = volume.substring(0, sourceEnd);
                String target = volume.substring(sourceEnd + 1).split(":")[0];
                if (source.startsWith(".")) {
                    assertThat(DOCKER.resolve(source).normalize())
                            .as(entry.getKey() + " mounts " + source)
                            .exists();
                } else if (!source.startsWith("${")) {
                    assertThat(declared)
                            .as(entry.getKey() + " uses volume " + source)
                            .contains(source);
                }
                byTarget.put(target, source);
            }
            mounts.put(entry.getKey(), byTarget);
        }
        Map<String, String> kafka = environment(services(compose).get("kafka"));
        assertThat(mounts.get("kafka").get(kafka.get("KAFKA_LOG_DIRS"))).isEqualTo("kafka-data");

        VarsentConfig config = clusterConfig();
        for (String service :
                List.of("bootstrap", "jobmanager", "taskmanager", "retrainer", "taskmanager-gpu")) {
            assertThat(mounts.get(service).get(MODELS_IN_CONTAINER))
                    .as(service)
                    .isEqualTo("varsent-models");
            assertThat(
                            mounts.get(service)
                                    .get(
                                            CONF_IN_CONTAINER.substring(
                                                    0, CONF_IN_CONTAINER.length() - 1)))
                    .isEqualTo("../conf");
        }
        for (String location :
                List.of(
                        config.get(VarsentOptions.MODEL_LOCATION),
                        config.get(VarsentOptions.REGISTRY_URI),
                        config.get(VarsentOptions.RETRAIN_BASE_CORPUS))) {
            String path = location.startsWith("file:") ? URI.create(location).getPath() : location;
            assertThat(path)
                    .as("on the shared models volume")
                    .startsWith(MODELS_IN_CONTAINER + "/");
        }
        // The TaskManager runs as uid 9999 (flink) and writes the registry: the volume takes the
        // owner of the
        // image's directory, and the one-shot services that write it run as the same user.
        assertThat(dockerfile).containsPattern("chown flink:flink [^\\n]*" + MODELS_IN_CONTAINER);
        for (String service : List.of("bootstrap", "submit-jobs", "retrainer")) {
            assertThat(services(compose).get(service).get("user")).as(service).isEqualTo("flink");
        }
        Map<String, String> flink =
                flinkProperties("taskmanager", services(compose).get("taskmanager"));
        for (String key :
                List.of("execution.checkpointing.dir", "execution.checkpointing.savepoint-dir")) {
            String dir = URI.create(flink.get(key)).getPath();
            assertThat(mounts.get("taskmanager").get(dir)).as(key).isIn(declared);
            assertThat(mounts.get("jobmanager").get(dir)).as(key).isIn(declared);
        }
        assertThat(mounts.get("bootstrap").get("/data/scaledata"))
                .isEqualTo("${VARSENT_DATA_DIR:-../../shared/data/scaledata}");
        assertThat(environment(services(compose).get("bootstrap")).get("VARSENT_DATA_DIR"))
                .isEqualTo("/data/scaledata");
    }

    @Test
    void theTopicsCreatedAreTheTopicsConfigured() throws Exception {
        VarsentConfig config = clusterConfig();
        Map<String, String> configured = new LinkedHashMap<>();
        for (ConfigOption<?> option : VarsentOptions.ALL) {
            if (option.key().startsWith("topic.")) {
                configured.put(option.key(), config.text(option));
            }
        }
        assertThat(configured)
                .containsKeys("topic.reviews", "topic.model-updates", "topic.labelled-examples");

        Map<String, String> env = environment(services(compose).get("create-topics"));
        Map<String, String> compacted = new LinkedHashMap<>();
        for (String entry : env.get("COMPACTED_TOPICS").split(" ")) {
            compacted.put(entry.split(":")[0], entry.split(":")[1]);
        }
        Set<String> created = new TreeSet<>(List.of(env.get("TOPICS").split(" ")));
        created.addAll(compacted.keySet());
        assertThat(created).isEqualTo(new TreeSet<>(configured.values()));
        assertThat(compacted)
                .containsOnlyKeys(
                        configured.get("topic.labelled-examples"),
                        configured.get("topic.model-updates"));
        assertThat(compacted.get(configured.get("topic.model-updates"))).isEqualTo("1");
        assertThat(script(services(compose).get("create-topics")))
                .contains("$$TOPICS", "$$COMPACTED_TOPICS", "cleanup.policy=compact");
    }

    @Test
    void everyCommandRunsAVarsentCommandWithAConfigurationThatLoads() {
        Pattern invocation =
                Pattern.compile(
                        "(?:varsent-job\\.jar(?!\")|dev\\.varsent\\.cli\\.Main) +\"?\\$?\\$?([a-z-]+)\"?"
                                + "[^\\n]*?--conf (\\S+)");
        List<String> commands = new ArrayList<>();
        for (var entry : allServices().entrySet()) {
            String script = script(entry.getValue());
            assertThat(script).doesNotContain(" -c dev.varsent");
            Matcher m = invocation.matcher(script.replace("\\\n", " "));
            while (m.find()) {
                if (!m.group(1).equals("job")) {
                    commands.add(m.group(1));
                }
                assertThat(m.group(2)).startsWith(CONF_IN_CONTAINER);
                VarsentConfig.load(
                        REPO.resolve("conf")
                                .resolve(m.group(2).substring(CONF_IN_CONTAINER.length())));
            }
            Matcher loop = Pattern.compile("for job in ([a-z ]+); do").matcher(script);
            while (loop.find()) {
                commands.addAll(List.of(loop.group(1).split(" ")));
            }
            if (script.contains("varsent-job.jar")) {
                assertThat(script).contains(JOB_JAR_IN_CONTAINER);
            }
        }
        assertThat(commands).containsExactlyInAnyOrder("bootstrap", "score", "labels", "retrain");
        assertThat(Main.commandNames()).containsAll(commands);
    }
}
