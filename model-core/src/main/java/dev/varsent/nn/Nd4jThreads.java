package dev.varsent.nn;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Sets how many threads ND4J's own kernels and its BLAS use in this JVM. On 2 cores one thread per
 * worker is fastest (OpenMP spin-waiting costs more than it gains at these sizes); parallelism
 * comes from running several workers.
 */
public final class Nd4jThreads {
    private Nd4jThreads() {}

    public static void set(int threads) {
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }
}
