package dev.varsent.scoring;

import dev.varsent.events.ParsedReview;
import dev.varsent.events.ScoredReview;
import dev.varsent.registry.ModelUpdate;
import org.apache.flink.streaming.api.operators.AbstractStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperatorFactory;

/**
 * Creates a {@link MicroBatchScoringOperator} per subtask; this factory is what the job graph
 * ships.
 */
public final class MicroBatchScoringOperatorFactory
        extends AbstractStreamOperatorFactory<ScoredReview>
        implements TwoInputStreamOperatorFactory<ParsedReview, ModelUpdate, ScoredReview> {

    private static final long serialVersionUID = 1L;

    private final BatchSettings settings;
    private final PredictorFactory predictorFactory;
    private final ModelGate gate;

    public MicroBatchScoringOperatorFactory(
            BatchSettings settings, PredictorFactory predictorFactory, ModelGate gate) {
        this.settings = settings;
        this.predictorFactory = predictorFactory;
        this.gate = gate;
        setChainingStrategy(ChainingStrategy.ALWAYS);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends StreamOperator<ScoredReview>> T createStreamOperator(
            StreamOperatorParameters<ScoredReview> parameters) {
        return (T) new MicroBatchScoringOperator(parameters, settings, predictorFactory, gate);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends StreamOperator> getStreamOperatorClass(ClassLoader classLoader) {
        return MicroBatchScoringOperator.class;
    }
}
