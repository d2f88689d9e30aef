package dev.varsent.scoring;

import dev.varsent.events.DeadLetter;
import dev.varsent.events.DeadLetterReason;
import dev.varsent.events.RawRecord;
import dev.varsent.events.SideOutputs;
import dev.varsent.flink.MetricGroups;
import dev.varsent.registry.ModelUpdate;
import dev.varsent.registry.ModelUpdateOutcome;
import dev.varsent.registry.ModelUpdateParser;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the {@code model-updates} records: a valid announcement of the model this job serves
 * ({@code registry.model-name}) goes on to the scorers; one of another model is ignored (counted);
 * anything else goes to {@link SideOutputs#DEAD_LETTERS} as {@code INVALID_MODEL_UPDATE}, the
 * message naming the parser's rejection. A tombstone (null value) is how a compacted topic deletes
 * a key, not a broken record: it is ignored too.
 */
public final class ParseModelUpdates extends ProcessFunction<RawRecord, ModelUpdate>
        implements ResultTypeQueryable<ModelUpdate> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ParseModelUpdates.class);

    public static final String RECEIVED = "modelUpdatesReceived";
    public static final String IGNORED = "modelUpdatesIgnored";
    public static final String INVALID = "modelUpdatesInvalid";

    private final String modelName;
    private final int maxDeadLetterPayloadBytes;

    private transient Counter received;
    private transient Counter ignored;
    private transient Counter invalid;

    public ParseModelUpdates(String modelName, int maxDeadLetterPayloadBytes) {
        this.modelName = modelName;
        this.maxDeadLetterPayloadBytes = maxDeadLetterPayloadBytes;
    }

    @Override
    public void open(OpenContext openContext) {
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup(MetricGroups.VARSENT);
        received = metrics.counter(RECEIVED);
        ignored = metrics.counter(IGNORED);
        invalid = metrics.counter(INVALID);
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<ModelUpdate> out) {
        if (raw.value() == null) {
            ignored.inc();
            LOG.info("Ignoring a tombstone on {}", raw.position());
            return;
        }
        ModelUpdateOutcome outcome = ModelUpdateParser.parse(raw.value());
        if (outcome instanceof ModelUpdateOutcome.Invalid rejected) {
            invalid.inc();
            LOG.warn(
                    "Invalid model update at {} ({}): {}",
                    raw.position(),
                    rejected.reason(),
                    rejected.message());
            ctx.output(
                    SideOutputs.DEAD_LETTERS,
                    DeadLetter.of(
                            raw,
                            DeadLetterReason.INVALID_MODEL_UPDATE,
                            rejected.reason() + ": " + rejected.message(),
                            null,
                            maxDeadLetterPayloadBytes,
                            ctx.timerService().currentProcessingTime()));
            return;
        }
        ModelUpdate update = ((ModelUpdateOutcome.Valid) outcome).update();
        if (!update.model().equals(modelName)) {
            ignored.inc();
            LOG.info(
                    "Ignoring version {} of model '{}': this job serves '{}'",
                    update.version(),
                    update.model(),
                    modelName);
            return;
        }
        received.inc();
        out.collect(update);
    }

    @Override
    public TypeInformation<ModelUpdate> getProducedType() {
        return ModelUpdateTypeInfo.INSTANCE;
    }
}
