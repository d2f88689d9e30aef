package dev.varsent.scoring;

/** Where tests get their model from: the one line to change to run them on a real trained model. */
public final class TestModels {

    private TestModels() {
    }

    public static PredictorFactory predictorFactory() {
        return LengthPredictor::new;
    }
}
