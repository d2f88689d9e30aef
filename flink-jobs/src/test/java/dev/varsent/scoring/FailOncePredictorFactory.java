package dev.varsent.scoring;

import dev.varsent.predict.Prediction;
import dev.varsent.predict.Predictor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * TEST ONLY: wraps the test model so that, across all subtasks and restarts of a job, exactly one
 * predictor crashes its task (with an Error, which the scoring operator does not catch) once it has
 * scored {@code crashAfter} reviews. The marker file records that the crash happened.
 */
final class FailOncePredictorFactory implements PredictorFactory {

    /** Stands for a crash of the task, e.g. a native library failing; not a bad review. */
    static final class InjectedCrash extends Error {
        InjectedCrash(String message) {
            super(message);
        }
    }

    private final PredictorFactory delegate;
    private final String marker;
    private final int crashAfter;

    FailOncePredictorFactory(PredictorFactory delegate, Path marker, int crashAfter) {
        this.delegate = delegate;
        this.marker = marker.toString();
        this.crashAfter = crashAfter;
    }

    @Override
    public Predictor create() throws Exception {
        Predictor predictor = delegate.create();
        Path markerPath = Path.of(marker);
        return new Predictor() {
            private int scored;

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
                scored += texts.size();
                if (scored >= crashAfter && claimTheCrash(markerPath)) {
                    throw new InjectedCrash("injected crash after " + scored + " reviews");
                }
                return predictor.predict(texts, k);
            }
        };
    }

    private static boolean claimTheCrash(Path marker) {
        try {
            Files.createFile(marker);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
