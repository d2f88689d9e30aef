package dev.varsent.registry;

import java.io.IOException;

/**
 * The registry would not take or promote a bundle. Nothing was left behind under {@code versions/};
 * the refusal is recorded in the history (except a retrain's challenger: its retrain fails and
 * reports it).
 */
public class BundleRefusedException extends IOException {

    /** Why a bundle was refused. */
    public enum Reason {
        /**
         * Not a complete, intact, compatible model bundle (corrupt, truncated, incompatible, newer
         * format).
         */
        INVALID_BUNDLE,
        /** The copy under the registry does not read back with the bytes that were written. */
        COPY_MISMATCH,
        /** The bundle's model version cannot name a registry entry. */
        INVALID_VERSION,
        /** The version is already in the registry with different bytes. */
        VERSION_CONFLICT
    }

    private final Reason reason;
    private final String version;

    public BundleRefusedException(Reason reason, String message, Throwable cause) {
        this(reason, message, cause, null);
    }

    /**
     * @param version the refused bundle's version, when it could be read and is one
     */
    public BundleRefusedException(Reason reason, String message, Throwable cause, String version) {
        super(message, cause);
        this.reason = reason;
        this.version = version;
    }

    public Reason reason() {
        return reason;
    }

    /** The refused bundle's version; null when it is unknown or not a valid one. */
    public String version() {
        return version;
    }
}
