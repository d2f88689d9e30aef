package dev.varsent.config;

/** Where the reviews source starts when it has no checkpoint or savepoint to restore from. */
public enum StartingOffsets {
    /**
     * The consumer group's committed offsets; partitions without one start at the earliest offset.
     */
    COMMITTED,
    EARLIEST,
    LATEST
}
