package dev.varsent.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a user's labelled reviews from JSON lines, one object per line, either all {@code {"id":
 * ..., "text": ..., "rating": 0.7}} (regression, rating in [0,1]) or all {@code {"id": ..., "text":
 * ..., "label": "pos"}} (classification, {@code pos}/{@code neg} in any case). Blank lines are
 * skipped and other fields ignored. Ids may be JSON strings or integers and must be unique. Every
 * error names the file and line.
 */
public final class LabelledJsonl {

    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .build();

    private LabelledJsonl() {}

    /**
     * @throws IllegalArgumentException on malformed JSON, a missing or empty id or text, a rating
     *     that is not a number in [0,1], an unknown label, a record with both or neither of rating
     *     and label, a repeated id, or a file mixing rating and label records
     * @throws UncheckedIOException if the file cannot be read
     */
    public static List<LabelledReview> read(Path file) {
        List<LabelledReview> reviews = new ArrayList<>();
        Map<String, Integer> idLines = new HashMap<>();
        int firstLine = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                String where = file + " line " + lineNumber;
                LabelledReview review = parse(line, where);
                if (!reviews.isEmpty()
                        && review.isClassification() != reviews.get(0).isClassification()) {
                    throw new IllegalArgumentException(
                            where
                                    + ": "
                                    + kind(review)
                                    + " record in a file of "
                                    + kind(reviews.get(0))
                                    + " records (first at line "
                                    + firstLine
                                    + "); a file must be all rating or all label records");
                }
                Integer earlier = idLines.putIfAbsent(review.id(), lineNumber);
                if (earlier != null) {
                    throw new IllegalArgumentException(
                            where + ": id '" + review.id() + "' already used at line " + earlier);
                }
                if (reviews.isEmpty()) {
                    firstLine = lineNumber;
                }
                reviews.add(review);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e, e);
        }
        return reviews;
    }

    /**
     * One line of such a file; {@code where} names it in errors (e.g. file and line number).
     *
     * @throws IllegalArgumentException as {@link #read}, for this line alone
     */
    public static LabelledReview parseLine(String line, String where) {
        return parse(line.startsWith("\uFEFF") ? line.substring(1) : line, where);
    }

    private static LabelledReview parse(String line, String where) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": malformed JSON: " + jsonProblem(e), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(
                    where + ": expected a JSON object, got " + describe(node));
        }
        String id = id(node.get("id"), where);
        JsonNode text = node.get("text");
        if (text == null || text.isNull()) {
            throw new IllegalArgumentException(where + ": missing \"text\"");
        }
        if (!text.isTextual()) {
            throw new IllegalArgumentException(
                    where + ": \"text\" must be a string, got " + describe(text));
        }
        if (text.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": \"text\" is empty");
        }
        JsonNode rating = node.get("rating");
        JsonNode label = node.get("label");
        if (rating != null && label != null) {
            throw new IllegalArgumentException(
                    where + ": has both \"rating\" and \"label\"; give one");
        }
        if (rating != null) {
            return LabelledReview.regression(id, text.asText(), rating(rating, where));
        }
        if (label != null) {
            return LabelledReview.classification(id, text.asText(), label(label, where));
        }
        throw new IllegalArgumentException(
                where + ": missing \"rating\" (number in [0,1]) or \"label\" (pos/neg)");
    }

    private static String id(JsonNode id, String where) {
        if (id == null || id.isNull()) {
            throw new IllegalArgumentException(where + ": missing \"id\"");
        }
        if (!id.isTextual() && !id.isIntegralNumber()) {
            throw new IllegalArgumentException(
                    where + ": \"id\" must be a string or an integer, got " + describe(id));
        }
        String value = id.asText();
        if (value.isBlank()) {
            throw new IllegalArgumentException(where + ": \"id\" is empty");
        }
        return value;
    }

    private static double rating(JsonNode rating, String where) {
        if (!rating.isNumber()) {
            throw new IllegalArgumentException(
                    where + ": \"rating\" must be a number in [0,1], got " + describe(rating));
        }
        double value = rating.asDouble();
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(
                    where + ": \"rating\" " + rating.asText() + " is outside [0,1]");
        }
        return value;
    }

    private static int label(JsonNode label, String where) {
        String value = label.isTextual() ? label.asText().strip().toLowerCase(Locale.ROOT) : "";
        if (value.equals("pos")) {
            return LabelledReview.POSITIVE;
        }
        if (value.equals("neg")) {
            return LabelledReview.NEGATIVE;
        }
        throw new IllegalArgumentException(
                where + ": unknown \"label\" " + describe(label) + "; expected \"pos\" or \"neg\"");
    }

    /** Jackson's message without its source location dump, plus the column. */
    private static String jsonProblem(JsonProcessingException e) {
        String problem =
                e.getOriginalMessage()
                        .replaceAll(" \\(start marker at \\[Source:[^\\]]*\\]\\)", "");
        return e.getLocation() == null
                ? problem
                : problem + " (column " + e.getLocation().getColumnNr() + ")";
    }

    private static String kind(LabelledReview review) {
        return review.isClassification() ? "label" : "rating";
    }

    private static String describe(JsonNode node) {
        if (node == null) {
            return "nothing";
        }
        String json = node.toString();
        return json.length() > 60 ? json.substring(0, 57) + "..." : json;
    }
}
