package dev.varsent.active;

/**
 * One point of a learning curve: after round {@code round} (0 = the seed set) the model had {@code
 * labels} labelled items and scored {@code rmse} (MC mean, rating units) on the evaluation set;
 * {@code seconds} is the wall time of that round (routing, retraining, evaluation).
 */
public record RoundResult(int round, int labels, double rmse, double seconds) {}
