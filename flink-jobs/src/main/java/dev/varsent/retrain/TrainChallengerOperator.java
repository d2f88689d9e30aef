package dev.varsent.retrain;

import dev.varsent.config.VarsentConfig;
import dev.varsent.flink.MetricGroups;
import dev.varsent.registry.ModelRegistry;
import dev.varsent.registry.ModelUpdatePublisher;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects every example of the (bounded) input, then runs {@link ChampionChallenger} once and
 * emits its decision. Runs with parallelism 1: a challenger is one model trained on all the data.
 */
public final class TrainChallengerOperator extends AbstractStreamOperator<RetrainDecision>
        implements OneInputStreamOperator<TrainingExample, RetrainDecision>, BoundedOneInput {

    private static final long serialVersionUID = 1L;
    private static final Logger TRAINING_LOG =
            LoggerFactory.getLogger(TrainChallengerOperator.class);

    public static final String EXAMPLES_COLLECTED = "examplesCollected";

    private final Map<String, String> settings;
    private final String dataDescription;

    private transient List<TrainingExample> examples;
    private transient volatile int collected;

    /**
     * @param settings the job's configuration ({@link VarsentConfig#explicitSettings()})
     */
    public TrainChallengerOperator(Map<String, String> settings, String dataDescription) {
        this.settings = settings;
        this.dataDescription = dataDescription;
    }

    @Override
    public void open() throws Exception {
        super.open();
        examples = new ArrayList<>();
        getMetricGroup()
                .addGroup(MetricGroups.VARSENT)
                .gauge(EXAMPLES_COLLECTED, (Gauge<Integer>) () -> collected);
    }

    @Override
    public void processElement(StreamRecord<TrainingExample> element) {
        examples.add(element.getValue());
        collected = examples.size();
    }

    @Override
    public void endInput() throws Exception {
        VarsentConfig config = VarsentConfig.of(settings);
        try (ModelUpdatePublisher publisher = ModelUpdatePublisher.fromConfig(config)) {
            ChampionChallenger retrain =
                    new ChampionChallenger(
                            RetrainSettings.from(config),
                            ModelRegistry.fromConfig(config),
                            publisher,
                            Clock.systemUTC(),
                            LogLines.to(TRAINING_LOG));
            output.collect(new StreamRecord<>(retrain.run(examples, dataDescription)));
        }
        examples = new ArrayList<>();
    }
}
