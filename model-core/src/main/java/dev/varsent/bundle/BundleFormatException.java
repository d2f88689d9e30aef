package dev.varsent.bundle;

import java.io.IOException;

/**
 * A model bundle that cannot be read: not a bundle, a newer format, truncated, corrupt or
 * inconsistent. It is an {@link IOException} so callers that already handle I/O failures of a model
 * file handle these too.
 */
public class BundleFormatException extends IOException {

    public BundleFormatException(String message) {
        super(message);
    }

    public BundleFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
