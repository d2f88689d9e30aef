package dev.varsent.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.bundle.BundleFormatException;
import dev.varsent.uncertainty.ConformalCalibration;
import dev.varsent.uncertainty.OovNovelty;
import java.util.ArrayList;
import java.util.List;

/**
 * The calibration and novelty blocks of a bundle's hyper-parameters ({@code calibration}, {@code novelty}).
 * A bundle without them reads as an uncalibrated model. An infinite conformal quantile (a level too high for
 * the calibration split's size) is written as the string "Infinity", since JSON has no infinities.
 */
final class UncertaintyJson {
    static final String CALIBRATION = "calibration";
    static final String NOVELTY = "novelty";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private UncertaintyJson() {
    }

    static void write(SentimentModel m, ObjectNode hp) {
        ConformalCalibration c = m.calibration();
        if (c != null) {
            ObjectNode o = hp.putObject(CALIBRATION);
            o.put("method", "split-conformal, |y - score| / sqrt(total std^2 + (novelty * noveltyStd)^2)");
            o.put("n", c.n());
            o.put("noveltyStd", c.noveltyStd());
            o.put("split", c.split());
            o.put("idsSha256", c.idsSha256());
            var table = o.putArray("table");
            for (ConformalCalibration.Level l : c.table()) {
                ObjectNode row = table.addObject().put("level", l.level());
                if (Double.isFinite(l.quantile())) {
                    row.put("quantile", l.quantile());
                } else {
                    row.put("quantile", "Infinity");
                }
            }
        }
        OovNovelty n = m.novelty();
        if (n != null) {
            hp.set(NOVELTY, JSON.objectNode().put("signal", "oov-share").put("n", n.n()).put("median", n.median())
                    .put("iqr", n.iqr()));
        }
    }

    static ConformalCalibration calibration(JsonNode hp) throws BundleFormatException {
        JsonNode o = hp.get(CALIBRATION);
        if (o == null || o.isNull()) {
            return null;
        }
        try {
            List<ConformalCalibration.Level> table = new ArrayList<>();
            for (JsonNode row : required(o, "table")) {
                JsonNode q = required(row, "quantile");
                double quantile = q.isTextual() && q.textValue().equals("Infinity") ? Double.POSITIVE_INFINITY
                        : number(q, "quantile");
                table.add(new ConformalCalibration.Level(number(required(row, "level"), "level"), quantile));
            }
            return new ConformalCalibration(required(o, "n").asInt(), table,
                    number(required(o, "noveltyStd"), "noveltyStd"), required(o, "split").asText(),
                    required(o, "idsSha256").asText());
        } catch (IllegalArgumentException e) {
            throw new BundleFormatException("incompatible: bad calibration block: " + e.getMessage());
        }
    }

    static OovNovelty novelty(JsonNode hp) throws BundleFormatException {
        JsonNode o = hp.get(NOVELTY);
        if (o == null || o.isNull()) {
            return null;
        }
        if (!"oov-share".equals(o.path("signal").asText())) {
            throw new BundleFormatException("incompatible: novelty signal '" + o.path("signal").asText()
                    + "', this build reads 'oov-share'");
        }
        try {
            return new OovNovelty(required(o, "n").asInt(), number(required(o, "median"), "median"),
                    number(required(o, "iqr"), "iqr"));
        } catch (IllegalArgumentException e) {
            throw new BundleFormatException("incompatible: bad novelty block: " + e.getMessage());
        }
    }

    private static JsonNode required(JsonNode o, String field) throws BundleFormatException {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            throw new BundleFormatException("incompatible: calibration field '" + field + "' is missing");
        }
        return n;
    }

    private static double number(JsonNode n, String field) throws BundleFormatException {
        if (!n.isNumber()) {
            throw new BundleFormatException("incompatible: calibration field '" + field + "' must be a number, found "
                    + n);
        }
        return n.doubleValue();
    }
}
