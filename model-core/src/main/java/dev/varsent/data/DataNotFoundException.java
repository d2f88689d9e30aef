package dev.varsent.data;

/** The scale dataset is not where the configuration or the upward search says it should be. */
public final class DataNotFoundException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public DataNotFoundException(String message) {
        super(message);
    }
}
