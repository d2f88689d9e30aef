package dev.varsent.registry;

/** Why a {@code model-updates} record is not a usable {@link ModelUpdate}. */
public enum UpdateRejection {
    /** A tombstone or an empty value. */
    EMPTY_RECORD,
    INVALID_UTF8,
    /** Not one JSON value (also duplicate keys and trailing data). */
    MALFORMED_JSON,
    /** Not an object, or a field of the wrong JSON type. */
    WRONG_TYPE,
    MISSING_FIELD,
    /**
     * A field of the right type with a value that cannot be right (a bad version name, URI,
     * SHA-256, size...).
     */
    INVALID_VALUE,
    /** Written in a layout newer than this build reads. */
    UNSUPPORTED_EVENT_VERSION
}
