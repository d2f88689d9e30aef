package dev.varsent.nn;

/**
 * Finds out whether the incubating {@code jdk.incubator.vector} module is in the boot layer (it needs
 * {@code --add-modules jdk.incubator.vector}); the kernel class is loaded reflectively so that nothing
 * else touches the module when it is absent.
 */
final class VectorSupport {
    private static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private VectorSupport() {
    }

    static boolean available() {
        return AVAILABLE;
    }

    static GateMath create() {
        try {
            return (GateMath) Class.forName("dev.varsent.nn.VectorGateMath").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the Vector API kernels", e);
        }
    }
}
