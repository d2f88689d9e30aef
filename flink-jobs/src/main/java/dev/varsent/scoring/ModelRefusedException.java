package dev.varsent.scoring;

/** A bundle the scoring job will not serve, with the reason; the model being served stays. */
public final class ModelRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a bundle was refused. */
    public enum Reason {
        /** The file cannot be found or read through its file system. */
        UNREADABLE,
        /** It does not have the size the announcement gives. */
        SIZE_MISMATCH,
        /** Its bytes do not hash to the SHA-256 the announcement gives. */
        SHA256_MISMATCH,
        /**
         * Not a complete, intact, compatible model bundle (format, trailer checksum,
         * compatibility).
         */
        INVALID_BUNDLE,
        /** The bundle holds another model version than the one announced. */
        VERSION_MISMATCH,
        /** Regression where the served model classifies, or the other way round. */
        HEAD_MISMATCH,
        /** Loading failed in an unexpected way (e.g. out of memory building the predictor). */
        LOAD_FAILED,
        /**
         * The bundle URI is not the registry's own location of the announced version (another
         * scheme, host, path, or not normalised).
         */
        OUTSIDE_REGISTRY,
        /**
         * The registry never promoted the announced version with the announced SHA-256 and size.
         */
        NOT_PROMOTED
    }

    private final Reason reason;

    public ModelRefusedException(Reason reason, String message) {
        this(reason, message, null);
    }

    public ModelRefusedException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
