package dev.varsent.retrain;

import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class TrainingExampleTest {

    private static final TrainingExample BASE =
            new TrainingExample("r1", "a fine film", 0.6, TrainingExample.Origin.BASE, 0);
    private static final TrainingExample LABEL =
            new TrainingExample("r1", "a fine film", 0.9, TrainingExample.Origin.LABELLED, 100);
    private static final TrainingExample RELABEL =
            new TrainingExample("r1", "a fine film", 0.2, TrainingExample.Origin.LABELLED, 200);

    @Test
    void aLabelBeatsTheBaseCorpusAndTheLatestLabelWinsInEitherOrder() {
        assertSame(LABEL, TrainingExample.latest(BASE, LABEL));
        assertSame(LABEL, TrainingExample.latest(LABEL, BASE));
        assertSame(RELABEL, TrainingExample.latest(LABEL, RELABEL));
        assertSame(RELABEL, TrainingExample.latest(RELABEL, LABEL));
        assertSame(RELABEL, TrainingExample.latest(TrainingExample.latest(BASE, RELABEL), LABEL));
    }
}
