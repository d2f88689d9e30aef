package dev.varsent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads JSON from the Flink REST API for the bench's pollers. A failed read (the cluster busy or
 * restarting) gives null: the next poll sees the same statistics, so a poller skips it.
 */
final class RestJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    RestJson(URI base) {
        this.base = base;
    }

    /** The answer to {@code path} (with its query), or null when the read failed. */
    JsonNode get(String path) throws InterruptedException {
        HttpResponse<String> response;
        try {
            response =
                    http.send(
                            HttpRequest.newBuilder(base.resolve(path))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        }
        if (response.statusCode() != 200) {
            return null;
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Flink's REST API answered " + path + " with something that is not JSON", e);
        }
    }
}
