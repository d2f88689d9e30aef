package dev.varsent.labels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.varsent.corpus.HeldOutReviews;
import dev.varsent.events.StrictJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The true rating in [0, 1] of each review id the oracle labeler may be asked about. */
public final class GroundTruth {

    /** The value of {@code --truth} / {@code oracle.truth} that names the held-out scale data. */
    public static final String SCALEDATA = "scaledata";

    /**
     * The suffix the local run's feeder gives an id when it streams the reviews again: {@code #2},
     * {@code #3}, ...
     */
    private static final Pattern REPEAT_SUFFIX = Pattern.compile("(.+)#\\d+");

    private final Map<String, Double> ratings;
    private final boolean repeatsAllowed;

    private GroundTruth(Map<String, Double> ratings, boolean repeatsAllowed) {
        this.ratings = Map.copyOf(ratings);
        this.repeatsAllowed = repeatsAllowed;
    }

    public static GroundTruth of(Map<String, Double> ratings) {
        return new GroundTruth(ratings, false);
    }

    /**
     * The held-out segments of the scale data that the local run streams (their ids and the ratings
     * of their reviews). An id the feeder repeated with a {@code #n} suffix has the rating of the
     * original.
     */
    public static GroundTruth heldOutScaleData() {
        return new GroundTruth(HeldOutReviews.ratings(HeldOutReviews.SPLIT_SEED), true);
    }

    /**
     * {@link #SCALEDATA} for {@link #heldOutScaleData()}, else a JSONL file for {@link #fromJsonl}.
     */
    public static GroundTruth load(String spec) {
        return spec.equals(SCALEDATA) ? heldOutScaleData() : fromJsonl(Path.of(spec));
    }

    /**
     * One JSON object per non-blank line: {@code {"id": "...", "rating": 0.7}} with the rating in
     * [0, 1]; other fields are ignored.
     *
     * @throws IllegalArgumentException naming the file and line of the first bad line or repeated
     *     id, or when there is no such file
     * @throws UncheckedIOException if the file cannot be read
     */
    public static GroundTruth fromJsonl(Path file) {
        Map<String, Double> ratings = new HashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String where = file + ":" + number + ": ";
                JsonNode json;
                try {
                    json = StrictJson.MAPPER.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException(
                            where + "not valid JSON: " + e.getOriginalMessage());
                }
                if (json == null || !json.isObject()) {
                    throw new IllegalArgumentException(
                            where + "expected a JSON object {\"id\", \"rating\"}");
                }
                JsonNode id = json.get("id");
                if (id == null || !id.isTextual() || id.textValue().isBlank()) {
                    throw new IllegalArgumentException(where + "'id' must be a non-empty string");
                }
                JsonNode rating = json.get("rating");
                if (rating == null
                        || !rating.isNumber()
                        || !(rating.doubleValue() >= 0 && rating.doubleValue() <= 1)) {
                    throw new IllegalArgumentException(
                            where + "'rating' must be a number in [0, 1]");
                }
                Integer first = lineOf.putIfAbsent(id.textValue(), number);
                if (first != null) {
                    throw new IllegalArgumentException(
                            where + "id '" + id.textValue() + "' repeats line " + first);
                }
                ratings.put(id.textValue(), rating.doubleValue());
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(
                    file + ": no such ground truth file (or give '" + SCALEDATA + "')");
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the ground truth " + file + ": " + e.getMessage(), e);
        }
        if (ratings.isEmpty()) {
            throw new IllegalArgumentException(file + ": no ratings in the ground truth");
        }
        return new GroundTruth(ratings, false);
    }

    /** The rating of review {@code id}, if known. */
    public OptionalDouble rating(String id) {
        Double rating = ratings.get(id);
        if (rating == null && repeatsAllowed) {
            Matcher repeat = REPEAT_SUFFIX.matcher(id);
            if (repeat.matches()) {
                rating = ratings.get(repeat.group(1));
            }
        }
        return rating == null ? OptionalDouble.empty() : OptionalDouble.of(rating);
    }

    public int size() {
        return ratings.size();
    }
}
