package dev.varsent.bundle;

/**
 * One row of a bundle's tensor index: where a tensor's float32 data lies, as a byte offset from the
 * start of the data section and a byte length.
 */
record TensorEntry(String name, long[] shape, long offset, long length) {

    static final String DTYPE = "float32";

    static TensorEntry of(String name, Tensor tensor, long offset) {
        return new TensorEntry(name, tensor.shape(), offset, (long) tensor.size() * Float.BYTES);
    }

    int elementCount() {
        return (int) (length / Float.BYTES);
    }
}
