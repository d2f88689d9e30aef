package dev.varsent.nn;

/**
 * Finds out whether the incubating {@code jdk.incubator.vector} module is in the boot layer (it
 * needs {@code --add-modules jdk.incubator.vector}); the kernel class is loaded reflectively so
 * that nothing else touches the module when it is absent.
 */
final class VectorSupport {
    private static final boolean AVAILABLE =
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private VectorSupport() {}

    static boolean available() {
        return AVAILABLE;
    }

    static GateMath create() {
        return load("dev.varsent.nn.VectorGateMath", GateMath.class);
    }

    static InferencePath createInference() {
        return load("dev.varsent.nn.HeapInference", InferencePath.class);
    }

    static TrainingPath createTraining() {
        return load("dev.varsent.nn.HeapTraining", TrainingPath.class);
    }

    private static <T> T load(String className, Class<T> type) {
        try {
            return type.cast(Class.forName(className).getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the Vector API kernels", e);
        }
    }
}
