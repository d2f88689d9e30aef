package dev.varsent.nn;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One batch's {@link Masks} on the Java heap for {@link HeapInference}; null where there is no
 * mask. Masks on the hidden state are padded to the weights' padded hidden width. A naive
 * (per-step) input mask stays off the heap and is copied one step at a time ({@link #loadStep}).
 */
final class HeapMasks {
    private final int rows;
    private final int embedding;

    /** Per mask group: rows x E (per sequence), or the current step's rows x E (naive). */
    private final float[][] input;

    private final FloatBuffer perStepInput;

    /** Per mask group: rows x Hp. */
    final float[][] recurrent;

    /** rows x Hp (rnnDrop). */
    final float[] cell;

    /** rows x readout width. */
    final float[] output;

    /** Per time-major position: the word-type dropout factor. */
    final float[] embeddingFactors;

    HeapMasks(Masks m, int rows, int embedding, int paddedHidden) {
        this.rows = rows;
        this.embedding = embedding;
        int groups = m.input().length;
        input = new float[groups][];
        FloatBuffer perStep = null;
        for (int g = 0; g < groups; g++) {
            INDArray mask = m.input()[g];
            if (mask == null) {
                continue;
            }
            if (mask.rows() == rows) {
                input[g] = HeapArrays.copy(mask);
            } else {
                perStep = HeapArrays.view(mask);
                if (perStep == null || g > 0) {
                    throw new IllegalArgumentException(
                            "a per-step input mask must be one contiguous float32 matrix");
                }
                perStep = perStep.position((int) mask.offset()).slice();
                input[g] = new float[rows * embedding];
            }
        }
        perStepInput = perStep;
        recurrent = new float[m.recurrent().length][];
        for (int g = 0; g < recurrent.length; g++) {
            recurrent[g] =
                    m.recurrent()[g] == null
                            ? null
                            : HeapArrays.copyPadded(m.recurrent()[g], paddedHidden);
        }
        cell = m.cell() == null ? null : HeapArrays.copyPadded(m.cell(), paddedHidden);
        output = m.output() == null ? null : HeapArrays.copy(m.output());
        embeddingFactors = m.embedding();
    }

    /**
     * Makes {@link #input} return step t's rows of a naive mask; nothing to do for per-sequence
     * masks.
     */
    void loadStep(int t) {
        if (perStepInput != null) {
            perStepInput.get(t * rows * embedding, input[0], 0, rows * embedding);
        }
    }

    /** Group g's input mask, row r at offset r * E, or null. */
    float[] input(int g) {
        return input[g];
    }
}
