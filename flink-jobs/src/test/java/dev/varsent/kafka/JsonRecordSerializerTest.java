package dev.varsent.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.varsent.events.DeadLetter;
import dev.varsent.events.DeadLetterReason;
import dev.varsent.events.EventJson;
import dev.varsent.events.RawRecord;
import dev.varsent.events.ScoredReview;
import dev.varsent.events.ScoringTimes;
import dev.varsent.events.TestEvents;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * The last line of defence: a record over its bound goes to the dead letters instead of failing the
 * job.
 */
class JsonRecordSerializerTest {

    private static final JsonRecordSerializer<ScoredReview> PREDICTIONS =
            new JsonRecordSerializer<ScoredReview>(
                            "predictions",
                            s -> s.review().id().getBytes(StandardCharsets.UTF_8),
                            EventJson::prediction)
                    .bounded(
                            400,
                            "dead-letters",
                            (scored, bytes, limit) ->
                                    DeadLetter.ofReview(
                                            scored.review(),
                                            DeadLetterReason.RECORD_TOO_LARGE,
                                            bytes + " > " + limit,
                                            1024,
                                            0L));

    @Test
    void aRecordWithinItsBoundGoesToItsTopic() {
        ProducerRecord<byte[], byte[]> record =
                PREDICTIONS.serialize(TestEvents.scored("r1", 0.1), null, null);
        assertThat(record.topic()).isEqualTo("predictions");
    }

    @Test
    void aRecordOverItsBoundIsDeadLetteredInsteadOfRefusedByTheProducer() throws Exception {
        ScoredReview big =
                new ScoredReview(
                        new dev.varsent.events.ParsedReview(
                                "r2", "t", "s".repeat(500), null, null, 0L, TestEvents.POSITION),
                        TestEvents.regression(0.5, 0.1),
                        10,
                        "m",
                        0L);
        ProducerRecord<byte[], byte[]> record = PREDICTIONS.serialize(big, null, null);
        assertThat(record.topic()).isEqualTo("dead-letters");
        JsonNode json = new ObjectMapper().readTree(record.value());
        assertThat(json.get("reason").asText()).isEqualTo("RECORD_TOO_LARGE");
        assertThat(json.get("id").asText()).isEqualTo("r2");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("r2");
    }

    @Test
    void aDeadLetterOverItsBoundFailsLoudly() {
        JsonRecordSerializer<DeadLetter> letters =
                new JsonRecordSerializer<DeadLetter>(
                                "dead-letters", DeadLetter::key, EventJson::deadLetter)
                        .bounded(100, null, null);
        DeadLetter letter =
                DeadLetter.of(
                        new RawRecord(TestEvents.POSITION, null, new byte[500]),
                        DeadLetterReason.MALFORMED_JSON,
                        "m",
                        null,
                        1024,
                        0L);
        assertThatThrownBy(() -> letters.serialize(letter, null, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("over its bound of 100");
    }

    @Test
    void aScoredReviewsTimesTravelAsHeadersAndTheJsonStaysAsItWas() {
        ScoredReview plain = TestEvents.scored("r3", 0.1);
        ScoredReview timed =
                new ScoredReview(
                        plain.review(),
                        plain.prediction(),
                        plain.k(),
                        plain.modelVersion(),
                        1_300L,
                        new ScoringTimes(1_000L, 1_200L, 7));
        JsonRecordSerializer<ScoredReview> withTimes =
                PREDICTIONS.withHeaders(KafkaConnectors::scoringTimes);

        ProducerRecord<byte[], byte[]> record = withTimes.serialize(timed, null, null);

        assertThat(record.topic()).isEqualTo("predictions");
        assertThat(header(record, ScoringTimes.RECEIVED_HEADER)).isEqualTo("1000");
        assertThat(header(record, ScoringTimes.BATCH_START_HEADER)).isEqualTo("1200");
        assertThat(header(record, ScoringTimes.BATCH_SIZE_HEADER)).isEqualTo("7");
        assertThat(record.value()).isEqualTo(EventJson.prediction(timed));
        // Without times (e.g. a record built elsewhere) there are no headers.
        assertThat(withTimes.serialize(plain, null, null).headers().toArray()).isEmpty();
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        assertThat(header).as(key).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
