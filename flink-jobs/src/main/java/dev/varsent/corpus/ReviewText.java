package dev.varsent.corpus;

/** One review the local run streams into the reviews topic. */
public record ReviewText(String id, String text) {}
