package dev.varsent.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A training forward pass with its activations kept, and its backpropagation through time, that
 * replaces the ND4J one in {@link SentimentNetwork#forward} and {@link SentimentNetwork#backward}
 * where it is exact to float tolerance and faster: float32 in host memory. Other data types and the
 * CUDA backend stay on the ND4J path, which is the reference.
 */
interface TrainingPath {

    /** The forward pass on float32 parameters. */
    Pass forward(NetConfig config, Params p, Batch b, Masks m);

    /** One forward pass's activations and outputs, for one backward pass. */
    interface Pass {
        /** Network outputs, rows x outputs. */
        INDArray output();

        /**
         * Backpropagation through time from dL/dy (rows x outputs) with the parameters of the
         * forward pass, which must not have changed since (the embedding table is read again);
         * writes every gradient into {@code grads}, overwriting it.
         */
        void backward(INDArray dY, Params grads);
    }

    /**
     * The heap Vector API training pass ({@link HeapTrace}) where it can run (float32 in host
     * memory, the module present), else null: the ND4J path then trains.
     */
    static TrainingPath best(DataType dataType) {
        boolean hostMemory = Nd4j.getBackend().getClass().getSimpleName().startsWith("Cpu");
        if (dataType == DataType.FLOAT && hostMemory && VectorSupport.available()) {
            return VectorSupport.createTraining();
        }
        return null;
    }
}
