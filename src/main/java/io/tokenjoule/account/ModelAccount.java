package io.tokenjoule.account;

/**
 * Reset-corrected counters of one model of one server: the first raw value seen plus every increase
 * since (a counter that goes down restarted from zero, and its new value counts as the increase).
 * Never decrease.
 */
public record ModelAccount(
    String model, double promptTokensTotal, double generatedTokensTotal, double requestsTotal) {}
