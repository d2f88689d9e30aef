package dev.varsent.scoring;

/**
 * The model failed on so many reviews in a row that it, not the reviews, is broken: the job fails
 * and restarts.
 */
public final class ModelFailureException extends RuntimeException {
    public ModelFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
