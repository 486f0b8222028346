package io.tokenjoule.simulate;

/**
 * A simulated inference server's published counters at one instant, as its /metrics page shows
 * them.
 */
public record EngineView(
    String modelName,
    int engineCores,
    long promptTokens,
    long generatedTokens,
    long requests,
    long runningRequests,
    double kvCacheUsage,
    double startedAtEpochSeconds) {}
