package dev.varsent.registry;

/** What {@link ModelUpdateParser} made of one record: an update, or why it is not one. */
public sealed interface ModelUpdateOutcome {

    record Valid(ModelUpdate update) implements ModelUpdateOutcome {}

    record Invalid(UpdateRejection reason, String message) implements ModelUpdateOutcome {}
}
