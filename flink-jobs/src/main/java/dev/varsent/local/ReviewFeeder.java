package dev.varsent.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.corpus.ReviewText;
import dev.varsent.kafka.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Streams reviews into the reviews topic at a steady rate, as a producer application would: JSON
 * keyed by id, with the send time as {@code timestamp}. When the list is exhausted it starts over
 * with ids suffixed {@code #2}, {@code #3}, ... so that ids stay unique; every id starts with
 * {@code idPrefix}. A share {@code malformedFraction} of the records is replaced by malformed ones
 * (cycling through broken JSON, a missing id, an empty text and invalid UTF-8) to exercise the
 * dead-letter path. It stops after {@code limit} records or on {@link #stop()}, whichever comes
 * first; a rate of {@link Double#POSITIVE_INFINITY} sends as fast as the producer accepts records.
 */
public final class ReviewFeeder implements Runnable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrapServers;
    private final String topic;
    private final List<ReviewText> reviews;
    private final double ratePerSecond;
    private final double malformedFraction;
    private final String idPrefix;
    private final long limit;
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean stopped;

    public ReviewFeeder(
            String bootstrapServers,
            String topic,
            List<ReviewText> reviews,
            double ratePerSecond,
            double malformedFraction,
            String idPrefix,
            long limit) {
        if (reviews.isEmpty()) {
            throw new IllegalArgumentException("no reviews to stream");
        }
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.reviews = List.copyOf(reviews);
        this.ratePerSecond = ratePerSecond;
        this.malformedFraction = malformedFraction;
        this.idPrefix = idPrefix;
        this.limit = limit;
    }

    /**
     * Records handed to the producer so far; all of them are acknowledged once {@link #run} has
     * returned.
     */
    public long sent() {
        return sent.get();
    }

    public void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        Properties props = new Properties();
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<byte[], byte[]> producer =
                KafkaClients.producer(bootstrapServers, props)) {
            long start = System.nanoTime();
            double nanosPerRecord = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
            long malformedEvery =
                    malformedFraction > 0 ? Math.max(1, Math.round(1 / malformedFraction)) : 0;
            for (long n = 0; n < limit && !stopped; n++) {
                long due = start + (long) (n * nanosPerRecord);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                ReviewText review = reviews.get((int) (n % reviews.size()));
                long pass = n / reviews.size() + 1;
                String id = idPrefix + (pass == 1 ? review.id() : review.id() + "#" + pass);
                byte[] value =
                        malformedEvery > 0 && n % malformedEvery == malformedEvery - 1
                                ? malformed(id, review.text(), n / malformedEvery)
                                : json(id, review.text());
                producer.send(
                        new ProducerRecord<>(topic, id.getBytes(StandardCharsets.UTF_8), value));
                sent.incrementAndGet();
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] json(String id, String text) {
        ObjectNode review = JSON.createObjectNode();
        review.put("id", id);
        review.put("text", text);
        review.put("source", "varsent-local");
        review.put("timestamp", System.currentTimeMillis());
        try {
            return JSON.writeValueAsBytes(review);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] malformed(String id, String text, long kind) {
        return switch ((int) (kind % 4)) {
            case 0 -> ("{\"id\":\"" + id + "\",\"text\":").getBytes(StandardCharsets.UTF_8);
            case 1 -> "{\"text\":\"a review without an id\"}".getBytes(StandardCharsets.UTF_8);
            case 2 -> ("{\"id\":\"" + id + "\",\"text\":\"\"}").getBytes(StandardCharsets.UTF_8);
            default -> {
                byte[] bytes = json(id, text);
                bytes[bytes.length / 2] = (byte) 0xFF;
                yield bytes;
            }
        };
    }
}
