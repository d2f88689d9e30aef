package dev.varsent.scoring;

import dev.varsent.predict.Prediction;
import dev.varsent.predict.Predictor;
import java.util.List;

/** TEST ONLY: the test model with a pause per batch, like a real model's inference time. */
final class SlowPredictorFactory implements PredictorFactory {

    private final PredictorFactory delegate;
    private final long millisPerBatch;

    SlowPredictorFactory(PredictorFactory delegate, long millisPerBatch) {
        this.delegate = delegate;
        this.millisPerBatch = millisPerBatch;
    }

    @Override
    public Predictor create() throws Exception {
        Predictor predictor = delegate.create();
        return new Predictor() {
            @Override
            public String modelVersion() {
                return predictor.modelVersion();
            }

            @Override
            public boolean isClassification() {
                return predictor.isClassification();
            }

            @Override
            public List<Prediction> predict(List<String> texts, int k) {
                try {
                    Thread.sleep(millisPerBatch);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
                return predictor.predict(texts, k);
            }
        };
    }
}
