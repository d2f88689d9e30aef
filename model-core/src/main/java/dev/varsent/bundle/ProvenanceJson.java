package dev.varsent.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON form of a {@link Provenance}: the bundle header's {@code provenance} object, and the
 * provenance of any later section of a bundle (a part fitted after the network, by another run).
 */
public final class ProvenanceJson {
    private ProvenanceJson() {}

    public static ObjectNode write(Provenance provenance) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("dataPath", provenance.dataPath());
        p.put("dataSha256", provenance.dataSha256());
        p.put("seed", provenance.seed());
        p.put("epochs", provenance.epochs());
        p.put("gitCommit", provenance.gitCommit());
        p.put("createdAt", provenance.createdAt().toString());
        p.put("trainer", provenance.trainer());
        ObjectNode metrics = p.putObject("metrics");
        provenance
                .metrics()
                .forEach(
                        (name, value) -> {
                            // JSON has no NaN or infinities; a diverged run's loss is still worth
                            // recording.
                            if (Double.isFinite(value)) {
                                metrics.put(name, value);
                            } else {
                                metrics.put(name, value.toString());
                            }
                        });
        ObjectNode notes = p.putObject("notes");
        provenance.notes().forEach(notes::put);
        return p;
    }

    /**
     * @param path where {@code p} sits in the header, for error messages (e.g. {@code provenance})
     * @throws BundleFormatException if a field is missing or of the wrong type
     */
    public static Provenance read(ObjectNode p, String path) throws BundleFormatException {
        String createdAtText = BundleHeader.text(p, "createdAt", path + ".createdAt");
        Instant createdAt;
        try {
            createdAt = Instant.parse(createdAtText);
        } catch (DateTimeParseException e) {
            throw new BundleFormatException(
                    "header field '"
                            + path
                            + ".createdAt' is not an ISO-8601 instant: "
                            + createdAtText);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> m :
                BundleHeader.object(p, "metrics", path + ".metrics").properties()) {
            metrics.put(m.getKey(), metricValue(path, m.getKey(), m.getValue()));
        }
        Map<String, String> notes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> n :
                BundleHeader.object(p, "notes", path + ".notes").properties()) {
            if (!n.getValue().isTextual()) {
                throw new BundleFormatException(
                        "header field '"
                                + path
                                + ".notes."
                                + n.getKey()
                                + "' must be a string, found "
                                + BundleHeader.typeName(n.getValue()));
            }
            notes.put(n.getKey(), n.getValue().textValue());
        }
        long seed = BundleHeader.integral(p, "seed", path + ".seed");
        long epochs = BundleHeader.integral(p, "epochs", path + ".epochs");
        if (epochs < 0 || epochs > Integer.MAX_VALUE) {
            throw new BundleFormatException(
                    "header field '" + path + ".epochs' out of range: " + epochs);
        }
        return new Provenance(
                BundleHeader.text(p, "dataPath", path + ".dataPath"),
                BundleHeader.text(p, "dataSha256", path + ".dataSha256"),
                seed,
                (int) epochs,
                BundleHeader.text(p, "gitCommit", path + ".gitCommit"),
                createdAt,
                BundleHeader.text(p, "trainer", path + ".trainer"),
                metrics,
                notes);
    }

    private static double metricValue(String path, String name, JsonNode value)
            throws BundleFormatException {
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) {
            switch (value.textValue()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw new BundleFormatException(
                "header field '"
                        + path
                        + ".metrics."
                        + name
                        + "' must be a number, \"NaN\", \"Infinity\" or \"-Infinity\", found "
                        + BundleHeader.describe(value));
    }
}
