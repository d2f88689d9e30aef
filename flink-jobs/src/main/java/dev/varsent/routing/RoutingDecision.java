package dev.varsent.routing;

/**
 * Whether one prediction goes to relabelling, and the rule that decided, as carried by a relabel
 * request.
 */
public record RoutingDecision(boolean relabel, String rule) {}
