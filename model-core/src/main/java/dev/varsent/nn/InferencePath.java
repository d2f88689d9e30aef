package dev.varsent.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A forward pass for inference only (no activations kept) that replaces the ND4J one where it is
 * exact to float tolerance and faster: {@link SentimentNetwork#output} uses it, training does not.
 */
interface InferencePath {

    /** Outputs, rows x outputs, the same as the ND4J forward pass to float tolerance. */
    INDArray output(NetConfig config, Params p, Batch b, Masks m);

    /**
     * The heap Vector API recurrence ({@link HeapInference}) where it can run (float32 in host
     * memory, the module present), else null: the ND4J path then serves inference too.
     */
    static InferencePath best(DataType dataType) {
        boolean hostMemory = Nd4j.getBackend().getClass().getSimpleName().startsWith("Cpu");
        if (dataType == DataType.FLOAT && hostMemory && VectorSupport.available()) {
            return VectorSupport.createInference();
        }
        return null;
    }
}
