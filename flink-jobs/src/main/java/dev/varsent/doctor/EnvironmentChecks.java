package dev.varsent.doctor;

import dev.varsent.data.Review;
import dev.varsent.data.ScaleData;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The checks of {@code varsent doctor}: what a run on this machine needs, each with a fix when it
 * is missing.
 */
public final class EnvironmentChecks {

    static final int MIN_JAVA = 17;
    static final String VECTOR_MODULE = "jdk.incubator.vector";
    static final long RECOMMENDED_HEAP_BYTES = 4L << 30;

    private EnvironmentChecks() {}

    public static Check javaVersion(Runtime.Version version) {
        String detail =
                "Java "
                        + version
                        + " ("
                        + System.getProperty("java.vendor", "unknown vendor")
                        + ")";
        return version.feature() >= MIN_JAVA
                ? Check.ok("java", detail)
                : Check.fail(
                        "java",
                        detail,
                        "install a JDK "
                                + MIN_JAVA
                                + " or later and put it first on PATH (or set JAVA_HOME)");
    }

    public static Check vectorModule(ModuleLayer layer) {
        return layer.findModule(VECTOR_MODULE).isPresent()
                ? Check.ok("vector-api", VECTOR_MODULE + " is loaded")
                : Check.warn(
                        "vector-api",
                        VECTOR_MODULE
                                + " is not loaded: the model runs on plain ND4J operations,"
                                + " about 4x slower than with its fused Vector API kernels",
                        "start java with --add-modules "
                                + VECTOR_MODULE
                                + " (java --add-modules "
                                + VECTOR_MODULE
                                + " -jar varsent.jar ...)");
    }

    public static Check heap(long maxHeapBytes) {
        String detail = "maximum heap " + (maxHeapBytes >> 20) + " MB";
        return maxHeapBytes >= RECOMMENDED_HEAP_BYTES
                ? Check.ok("memory", detail)
                : Check.warn(
                        "memory",
                        detail
                                + "; training and the local run want at least "
                                + (RECOMMENDED_HEAP_BYTES >> 30)
                                + " GB",
                        "start java with -Xmx6g (ND4J needs about as much again off the heap)");
    }

    /**
     * The scale data set at {@link ScaleData#defaultDir()} (or {@code dir}), read in full as the
     * runs read it.
     */
    public static Check scaleData(Supplier<Path> dir) {
        Path found;
        try {
            found = dir.get();
        } catch (IllegalStateException e) {
            return Check.fail("data", e.getMessage(), dataHint());
        }
        try {
            List<Review> reviews = ScaleData.load(found);
            long authors =
                    reviews.stream()
                            .map(r -> r.id().substring(0, r.id().indexOf('/')))
                            .distinct()
                            .count();
            return Check.ok(
                    "data", found + ": " + reviews.size() + " reviews by " + authors + " authors");
        } catch (RuntimeException e) {
            return Check.fail("data", found + ": " + e.getMessage(), dataHint());
        }
    }

    private static String dataHint() {
        return "get scale_data.tar.gz (Pang & Lee 2005, 'scale dataset v1.0') from "
                + "https://www.cs.cornell.edu/people/pabo/movie-review-data/ and unpack it so that <dir>/<author>/ holds "
                + "subj.<author>, rating.<author> and id.<author>; then set "
                + ScaleData.DIR_ENV
                + "=<dir> (or -D"
                + ScaleData.DIR_PROPERTY
                + "=<dir>), or put it at ../shared/data/scaledata beside the checkout";
    }

    /**
     * Whether {@code port} can be bound on all interfaces, as the local run's dashboard does; 0
     * always can.
     */
    public static Check portFree(String what, String key, int port) {
        if (port == 0) {
            return Check.ok("port", what + ": " + key + "=0, any free port");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
            return Check.ok("port", what + ": port " + port + " is free");
        } catch (IOException e) {
            return Check.warn(
                    "port",
                    what + ": port " + port + " is in use (" + e.getMessage() + ")",
                    "stop what listens there, or run with --set "
                            + key
                            + "=0 (any free port; the run prints the address)");
        }
    }

    /** ND4J's backend and its native libraries, loaded by one small matrix product. */
    public static Check nd4jNatives() {
        try {
            INDArray product =
                    Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}})
                            .mmul(Nd4j.eye(2).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
            String backend = Nd4j.getBackend().getClass().getSimpleName();
            return product.getFloat(1, 1) == 4f
                    ? Check.ok("nd4j", backend + " loaded, a matrix product ran")
                    : Check.fail(
                            "nd4j",
                            backend + " computed a wrong product",
                            "report this with the output of java -version");
        } catch (Throwable e) {
            return Check.fail(
                    "nd4j",
                    "native libraries did not load: " + e,
                    "ND4J's natives are linux-x86_64 only (nd4j-native "
                            + "and openblas with that classifier): run on an x86-64 Linux, or in docker/ (linux/amd64)");
        }
    }
}
