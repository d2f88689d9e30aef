package dev.varsent.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.bundle.BundleFormatException;
import dev.varsent.uncertainty.ConformalCalibration;
import dev.varsent.uncertainty.ErrorScale;
import dev.varsent.uncertainty.OovNovelty;
import java.util.ArrayList;
import java.util.List;

/**
 * The calibration and novelty blocks of a bundle's hyper-parameters ({@code calibration}, {@code
 * novelty}). A bundle without them reads as an uncalibrated model; a calibration block without
 * {@code bands} and {@code errorScale} (bundles before them) reads as one table scaled by the total
 * std, as it was fitted. An infinite conformal quantile (a level too high for the calibration
 * split's size) is written as the string "Infinity", since JSON has no infinities.
 */
final class UncertaintyJson {
    static final String CALIBRATION = "calibration";
    static final String NOVELTY = "novelty";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private UncertaintyJson() {}

    static void write(SentimentModel m, ObjectNode hp) {
        ConformalCalibration c = m.calibration();
        if (c != null) {
            ObjectNode o = hp.putObject(CALIBRATION);
            o.put(
                    "method",
                    c.errorScale() == null
                            ? "split-conformal, |y - score| / sqrt(total std^2 + (novelty * noveltyStd)^2)"
                            : "split-conformal by segment band, |y - score| / sqrt(errorScale^2"
                                    + " + (max(0, novelty - noveltyFence) * noveltyStd)^2)");
            o.put("n", c.n());
            o.put("noveltyStd", c.noveltyStd());
            if (c.noveltyFence() != 0) {
                o.put("noveltyFence", c.noveltyFence());
            }
            if (c.decisionFactor() != 1) {
                o.put("decisionFactor", c.decisionFactor());
            }
            o.put("split", c.split());
            o.put("idsSha256", c.idsSha256());
            writeTable(o.putArray("table"), c.table());
            if (!c.bands().isEmpty()) {
                ArrayNode bands = o.putArray("bands");
                for (ConformalCalibration.Band b : c.bands()) {
                    ObjectNode band =
                            bands.addObject().put("minSegments", b.minSegments()).put("n", b.n());
                    writeTable(band.putArray("table"), b.table());
                }
            }
            ErrorScale e = c.errorScale();
            if (e != null) {
                o.set(
                        "errorScale",
                        JSON.objectNode()
                                .put("n", e.n())
                                .put("intercept", e.intercept())
                                .put("score", e.scoreWeight())
                                .put("aleatoricStd", e.aleatoricWeight())
                                .put("wordError", e.wordErrorWeight())
                                .put("floor", e.floor()));
            }
        }
        OovNovelty n = m.novelty();
        if (n != null) {
            hp.set(
                    NOVELTY,
                    JSON.objectNode()
                            .put("signal", "oov-share")
                            .put("n", n.n())
                            .put("median", n.median())
                            .put("iqr", n.iqr()));
        }
    }

    static ConformalCalibration calibration(JsonNode hp) throws BundleFormatException {
        JsonNode o = hp.get(CALIBRATION);
        if (o == null || o.isNull()) {
            return null;
        }
        try {
            List<ConformalCalibration.Band> bands = new ArrayList<>();
            JsonNode bandsNode = o.get("bands");
            if (bandsNode != null && !bandsNode.isNull()) {
                for (JsonNode b : bandsNode) {
                    bands.add(
                            new ConformalCalibration.Band(
                                    required(b, "minSegments").asInt(),
                                    required(b, "n").asInt(),
                                    readTable(required(b, "table"))));
                }
            }
            JsonNode e = o.get("errorScale");
            ErrorScale errorScale =
                    e == null || e.isNull()
                            ? null
                            : new ErrorScale(
                                    required(e, "n").asInt(),
                                    number(required(e, "intercept"), "intercept"),
                                    number(required(e, "score"), "score"),
                                    number(required(e, "aleatoricStd"), "aleatoricStd"),
                                    e.has("wordError")
                                            ? number(e.get("wordError"), "wordError")
                                            : 0,
                                    number(required(e, "floor"), "floor"));
            return new ConformalCalibration(
                    required(o, "n").asInt(),
                    readTable(required(o, "table")),
                    number(required(o, "noveltyStd"), "noveltyStd"),
                    required(o, "split").asText(),
                    required(o, "idsSha256").asText(),
                    bands,
                    errorScale,
                    o.has("noveltyFence") ? number(o.get("noveltyFence"), "noveltyFence") : 0,
                    o.has("decisionFactor")
                            ? number(o.get("decisionFactor"), "decisionFactor")
                            : 1);
        } catch (IllegalArgumentException e) {
            throw new BundleFormatException(
                    "incompatible: bad calibration block: " + e.getMessage());
        }
    }

    private static void writeTable(ArrayNode table, List<ConformalCalibration.Level> levels) {
        for (ConformalCalibration.Level l : levels) {
            ObjectNode row = table.addObject().put("level", l.level());
            if (Double.isFinite(l.quantile())) {
                row.put("quantile", l.quantile());
            } else {
                row.put("quantile", "Infinity");
            }
        }
    }

    private static List<ConformalCalibration.Level> readTable(JsonNode rows)
            throws BundleFormatException {
        List<ConformalCalibration.Level> table = new ArrayList<>();
        for (JsonNode row : rows) {
            JsonNode q = required(row, "quantile");
            double quantile =
                    q.isTextual() && q.textValue().equals("Infinity")
                            ? Double.POSITIVE_INFINITY
                            : number(q, "quantile");
            table.add(
                    new ConformalCalibration.Level(
                            number(required(row, "level"), "level"), quantile));
        }
        return table;
    }

    static OovNovelty novelty(JsonNode hp) throws BundleFormatException {
        JsonNode o = hp.get(NOVELTY);
        if (o == null || o.isNull()) {
            return null;
        }
        if (!"oov-share".equals(o.path("signal").asText())) {
            throw new BundleFormatException(
                    "incompatible: novelty signal '"
                            + o.path("signal").asText()
                            + "', this build reads 'oov-share'");
        }
        try {
            return new OovNovelty(
                    required(o, "n").asInt(),
                    number(required(o, "median"), "median"),
                    number(required(o, "iqr"), "iqr"));
        } catch (IllegalArgumentException e) {
            throw new BundleFormatException("incompatible: bad novelty block: " + e.getMessage());
        }
    }

    private static JsonNode required(JsonNode o, String field) throws BundleFormatException {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            throw new BundleFormatException(
                    "incompatible: calibration field '" + field + "' is missing");
        }
        return n;
    }

    private static double number(JsonNode n, String field) throws BundleFormatException {
        if (!n.isNumber()) {
            throw new BundleFormatException(
                    "incompatible: calibration field '" + field + "' must be a number, found " + n);
        }
        return n.doubleValue();
    }
}
