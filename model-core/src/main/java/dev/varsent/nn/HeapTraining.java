package dev.varsent.nn;

/**
 * The heap Vector API training path for the LSTM ({@link HeapTrace} forward, {@link HeapBackprop}
 * backward): every dropout mode, readout and head. The GRU stays on the ND4J path.
 */
final class HeapTraining implements TrainingPath {
    @Override
    public boolean covers(NetConfig config) {
        return config.cell() == CellType.LSTM;
    }

    @Override
    public Pass forward(NetConfig config, Params p, Batch b, Masks m) {
        if (!covers(config)) {
            throw new IllegalArgumentException("the heap training path has no " + config.cell());
        }
        return new HeapTrace(config, p, b, m);
    }
}
