package dev.varsent.nn;

/**
 * The heap Vector API training path ({@link HeapTrace} forward, {@link HeapBackprop} backward): the
 * LSTM and the GRU with every dropout mode, readout and head.
 */
final class HeapTraining implements TrainingPath {
    @Override
    public Pass forward(NetConfig config, Params p, Batch b, Masks m) {
        return new HeapTrace(config, p, b, m);
    }
}
