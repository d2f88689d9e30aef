package dev.varsent.registry;

import static dev.varsent.registry.RegistryFields.bool;
import static dev.varsent.registry.RegistryFields.counts;
import static dev.varsent.registry.RegistryFields.field;
import static dev.varsent.registry.RegistryFields.instant;
import static dev.varsent.registry.RegistryFields.integer;
import static dev.varsent.registry.RegistryFields.numbers;
import static dev.varsent.registry.RegistryFields.object;
import static dev.varsent.registry.RegistryFields.optionalText;
import static dev.varsent.registry.RegistryFields.size;
import static dev.varsent.registry.RegistryFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.bundle.Provenance;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The JSON of the registry's files: {@code history.jsonl} lines and the {@code CHAMPION} pointer.
 * Field names are snake_case, times ISO-8601 instants, bundles named by their path relative to the
 * registry root (so a registry can be copied elsewhere). Metrics that are not finite are left out.
 */
final class RegistryJson {

    private RegistryJson() {}

    /** One history line, without the newline. */
    static String historyLine(HistoryEvent event) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        if (event instanceof HistoryEvent.Published published) {
            BundleInfo bundle = published.bundle();
            json.put("event", "published");
            json.put("at", bundle.publishedAt().toString());
            writeBundle(json, bundle.version(), bundle.sha256(), bundle.sizeBytes());
            writeProvenance(json, bundle.provenance());
        } else if (event instanceof HistoryEvent.Promoted promoted) {
            Champion champion = promoted.champion();
            json.put("event", "promoted");
            json.put("at", champion.promotedAt().toString());
            writeBundle(json, champion.version(), champion.sha256(), champion.sizeBytes());
            writeProvenance(json, promoted.provenance());
            writePromotion(json, champion);
        } else if (event instanceof HistoryEvent.Refused refused) {
            json.put("event", "refused");
            json.put("at", refused.at().toString());
            json.put("action", refused.action());
            json.put("source", refused.source());
            if (refused.version() != null) {
                json.put("version", refused.version());
            }
            if (refused.sha256() != null) {
                json.put("sha256", refused.sha256());
            }
            if (refused.sizeBytes() >= 0) {
                json.put("size_bytes", refused.sizeBytes());
            }
            json.put("reason", refused.reason().name());
            json.put("message", refused.message());
        } else if (event instanceof HistoryEvent.Retrained retrained) {
            json.put("event", "retrained");
            json.put("at", retrained.at().toString());
            json.put("challenger_version", retrained.challengerVersion());
            if (retrained.championVersion() == null) {
                json.putNull("champion_version");
            } else {
                json.put("champion_version", retrained.championVersion());
            }
            json.put("promoted", retrained.promoted());
            json.put("reason", retrained.reason());
            writeNumbers(json.putObject("scores"), retrained.scores());
            ObjectNode counts = json.putObject("counts");
            retrained.counts().forEach(counts::put);
        }
        return json.toString();
    }

    static HistoryEvent parseHistoryLine(String line, Function<String, URI> bundleUri) {
        JsonNode json = object(line);
        String event = text(json, "event");
        Instant at = instant(json, "at");
        return switch (event) {
            case "published" -> {
                String version = text(json, "version");
                yield new HistoryEvent.Published(
                        new BundleInfo(
                                version,
                                bundleUri.apply(version),
                                text(json, "sha256"),
                                size(json),
                                at,
                                provenance(json)));
            }
            case "promoted" ->
                    new HistoryEvent.Promoted(champion(json, at, bundleUri), provenance(json));
            case "refused" ->
                    new HistoryEvent.Refused(
                            at,
                            text(json, "action"),
                            text(json, "source"),
                            optionalText(json, "version"),
                            optionalText(json, "sha256"),
                            json.has("size_bytes") ? size(json) : -1,
                            reason(json),
                            text(json, "message"));
            case "retrained" ->
                    new HistoryEvent.Retrained(
                            at,
                            text(json, "challenger_version"),
                            optionalText(json, "champion_version"),
                            bool(json, "promoted"),
                            text(json, "reason"),
                            numbers(json, "scores"),
                            counts(json));
            default -> throw new IllegalArgumentException("unknown event '" + event + "'");
        };
    }

    static byte[] championFile(Champion champion) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        writeBundle(json, champion.version(), champion.sha256(), champion.sizeBytes());
        json.put("promoted_at", champion.promotedAt().toString());
        writePromotion(json, champion);
        return json.toPrettyString().concat("\n").getBytes(StandardCharsets.UTF_8);
    }

    static Champion parseChampionFile(String content, Function<String, URI> bundleUri) {
        JsonNode json = object(content);
        return champion(json, instant(json, "promoted_at"), bundleUri);
    }

    /** Where {@code version}'s bundle lives, relative to the registry root. */
    static String bundleFile(String version) {
        return "versions/" + version + ".bundle";
    }

    private static void writeBundle(
            ObjectNode json, String version, String sha256, long sizeBytes) {
        json.put("version", version);
        json.put("file", bundleFile(version));
        json.put("sha256", sha256);
        json.put("size_bytes", sizeBytes);
    }

    private static void writePromotion(ObjectNode json, Champion champion) {
        if (champion.previousVersion() == null) {
            json.putNull("previous_version");
        } else {
            json.put("previous_version", champion.previousVersion());
        }
        json.put("reason", champion.reason());
        writeNumbers(json.putObject("scores"), champion.scores());
        json.put("sequence", champion.sequence());
    }

    private static void writeProvenance(ObjectNode json, Provenance p) {
        writeNumbers(json.putObject("metrics"), p.metrics());
        ObjectNode provenance = json.putObject("provenance");
        provenance.put("data_path", p.dataPath());
        provenance.put("data_sha256", p.dataSha256());
        provenance.put("seed", p.seed());
        provenance.put("epochs", p.epochs());
        provenance.put("git_commit", p.gitCommit());
        provenance.put("created_at", p.createdAt().toString());
        provenance.put("trainer", p.trainer());
        ObjectNode notes = provenance.putObject("notes");
        p.notes().forEach(notes::put);
    }

    static void writeNumbers(ObjectNode target, Map<String, Double> numbers) {
        numbers.forEach(
                (name, value) -> {
                    if (Double.isFinite(value)) {
                        target.put(name, value);
                    }
                });
    }

    private static Champion champion(
            JsonNode json, Instant promotedAt, Function<String, URI> bundleUri) {
        String version = text(json, "version");
        // Registries written before the promotion sequence existed: 0, numbered by
        // ModelRegistry#promotions.
        long sequence = json.hasNonNull("sequence") ? integer(json, "sequence") : 0;
        return new Champion(
                version,
                bundleUri.apply(version),
                text(json, "sha256"),
                size(json),
                promotedAt,
                optionalText(json, "previous_version"),
                numbers(json, "scores"),
                text(json, "reason"),
                sequence);
    }

    private static Provenance provenance(JsonNode json) {
        JsonNode p = field(json, "provenance");
        if (!p.isObject()) {
            throw new IllegalArgumentException("field 'provenance' must be an object");
        }
        JsonNode notesNode = field(p, "notes");
        if (!notesNode.isObject()) {
            throw new IllegalArgumentException("field 'provenance.notes' must be an object");
        }
        Map<String, String> notes = new LinkedHashMap<>();
        notesNode
                .fields()
                .forEachRemaining(
                        e -> {
                            if (!e.getValue().isTextual()) {
                                throw new IllegalArgumentException(
                                        "note '" + e.getKey() + "' must be a string");
                            }
                            notes.put(e.getKey(), e.getValue().textValue());
                        });
        return new Provenance(
                text(p, "data_path"),
                text(p, "data_sha256"),
                integer(p, "seed"),
                (int) integer(p, "epochs"),
                text(p, "git_commit"),
                instant(p, "created_at"),
                text(p, "trainer"),
                numbers(json, "metrics"),
                notes);
    }

    private static BundleRefusedException.Reason reason(JsonNode json) {
        String reason = text(json, "reason");
        try {
            return BundleRefusedException.Reason.valueOf(reason);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown refusal reason '" + reason + "'");
        }
    }
}
