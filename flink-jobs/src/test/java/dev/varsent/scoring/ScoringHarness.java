package dev.varsent.scoring;

import dev.varsent.events.ParsedReview;
import dev.varsent.events.ScoredReview;
import dev.varsent.registry.ModelUpdate;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

/**
 * Flink's operator test harness around a {@link MicroBatchScoringOperator} made by its factory
 * (Flink's two-input harness takes only a ready operator): reviews on input 1, model updates on
 * input 2, and the task's mailbox, where the background loader delivers loaded models. The test
 * thread is the task thread.
 */
final class ScoringHarness extends AbstractStreamOperatorTestHarness<ScoredReview> {

    ScoringHarness(BatchSettings settings, PredictorFactory factory) throws Exception {
        this(settings, factory, new PromotionTimeGate());
    }

    ScoringHarness(BatchSettings settings, PredictorFactory factory, ModelGate gate)
            throws Exception {
        super(new MicroBatchScoringOperatorFactory(settings, factory, gate), 1, 1, 0);
    }

    void processReview(ParsedReview review) throws Exception {
        scorer().processElement1(new StreamRecord<>(review));
    }

    void processUpdate(ModelUpdate update) throws Exception {
        scorer().processElement2(new StreamRecord<>(update));
    }

    void endReviews() throws Exception {
        scorer().endInput(1);
    }

    /**
     * Waits until the loader delivers its next outcome, then runs it here, as the task's mailbox
     * would.
     */
    void runNextMail() throws Exception {
        getTaskMailbox().take(TaskMailbox.MIN_PRIORITY).run();
    }

    boolean hasMail() {
        return getTaskMailbox().hasMail();
    }

    MicroBatchScoringOperator scorer() {
        return (MicroBatchScoringOperator) getOperator();
    }
}
