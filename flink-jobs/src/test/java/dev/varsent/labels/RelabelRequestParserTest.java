package dev.varsent.labels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.events.DeadLetterReason;
import dev.varsent.events.EventJson;
import dev.varsent.events.InputLimits;
import dev.varsent.events.Parsed;
import dev.varsent.events.RawRecord;
import dev.varsent.events.RelabelRequest;
import dev.varsent.events.SourcePosition;
import dev.varsent.events.TestEvents;
import dev.varsent.predict.UncertaintySignal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RelabelRequestParserTest {

    private static final RelabelRequestParser PARSER =
            new RelabelRequestParser(InputLimits.from(dev.varsent.config.VarsentConfig.defaults()));

    private static Parsed<LabelRequest> parse(byte[] value) {
        return PARSER.parse(
                new RawRecord(new SourcePosition("relabel-requests", 1, 3, 42L), null, value), 42L);
    }

    private static Parsed<LabelRequest> parse(String json) {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsWhatTheScoringJobWrites() {
        RelabelRequest request =
                new RelabelRequest(
                        TestEvents.scored("r1", 0.3),
                        "threshold epistemic_std>0.12",
                        UncertaintySignal.EPISTEMIC);
        Parsed<LabelRequest> parsed = parse(EventJson.relabelRequest(request));
        assertThat(parsed)
                .isEqualTo(
                        new Parsed.Valid<>(
                                new LabelRequest("r1", "text of r1", "test-model", 0.3, 0L)));
    }

    @Test
    void predictionFieldsAreOptionalAndTheKafkaTimestampStandsInForTheRequestTime() {
        Parsed<LabelRequest> parsed = parse("{\"id\":\"r\",\"text\":\"fine\"}");
        assertThat(parsed).isInstanceOf(Parsed.Valid.class);
        LabelRequest request = ((Parsed.Valid<LabelRequest>) parsed).value();
        assertThat(request.modelVersion()).isNull();
        assertThat(request.uncertainty()).isNaN();
        assertThat(request.requestedAt()).isEqualTo(42L);
    }

    @Test
    void aRequestWithoutTheReviewTextCannotBeUsed() {
        assertThat(parse("{\"id\":\"r\"}"))
                .isEqualTo(
                        new Parsed.Invalid<>(
                                DeadLetterReason.MISSING_TEXT, "field 'text' is missing", "r"));
        assertThat(parse("{\"id\":\"r\",\"text\":\"\"}"))
                .extracting(p -> ((Parsed.Invalid<?>) p).reason())
                .isEqualTo(DeadLetterReason.EMPTY_TEXT);
        assertThat(parse("{\"id\":\"r\",\"text\":\"t\",\"prediction\":[]}"))
                .extracting(p -> ((Parsed.Invalid<?>) p).reason())
                .isEqualTo(DeadLetterReason.WRONG_TYPE);
        assertThat(parse("{\"text\":\"t\"}"))
                .extracting(p -> ((Parsed.Invalid<?>) p).reason())
                .isEqualTo(DeadLetterReason.MISSING_ID);
    }
}
