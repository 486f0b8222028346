package io.tokenjoule.simulate;

/**
 * One simulated inference server's state: the counters it publishes, and the truth they are drawn
 * from. Published counters move once per engine step in whole tokens and restart from zero when the
 * server restarts; the truth is continuous and survives restarts. Not thread-safe: {@link
 * SimulatedWorld} guards it.
 */
final class SimulatedEngine {

  private final EngineModel model;
  private LoadSchedule schedule;
  private double load;
  private double energyPerTokenFactor = 1;
  private double promptTokensPerGeneratedToken;
  private boolean available = true;

  private double truePromptTokens;
  private double trueGeneratedTokens;
  private double trueEnergyJoules;

  private double promptTokenCounter;
  private double generatedTokenCounter;
  private double requestCounter;
  private double startedAtEpochSeconds;

  SimulatedEngine(EngineModel model, double startedAtEpochSeconds) {
    this.model = model;
    this.schedule = model.schedule();
    this.startedAtEpochSeconds = startedAtEpochSeconds;
  }

  EngineModel model() {
    return model;
  }

  void setSchedule(LoadSchedule schedule) {
    this.schedule = schedule;
  }

  /** Sets this step's load and mix from the schedules; a server that is down does no work. */
  double updateLoad(double secondsSinceStart) {
    load = available ? schedule.loadAt(secondsSinceStart) : 0;
    promptTokensPerGeneratedToken =
        model.promptMix().promptTokensPerGeneratedTokenAt(secondsSinceStart);
    return load;
  }

  double load() {
    return load;
  }

  /**
   * From now on the engine makes {@code factor} times fewer tokens at the same load, so each token
   * costs {@code factor} times the energy.
   */
  void setEnergyPerTokenFactor(double factor) {
    this.energyPerTokenFactor = factor;
  }

  /** One engine step of {@code seconds} at the current load. */
  void work(double seconds) {
    double generated = model.generatedTokensPerSecond() * load * seconds / energyPerTokenFactor;
    trueGeneratedTokens += generated;
    truePromptTokens += generated * promptTokensPerGeneratedToken;
    generatedTokenCounter += generated;
    promptTokenCounter += generated * promptTokensPerGeneratedToken;
    requestCounter += generated / model.generatedTokensPerRequest();
  }

  /**
   * Watts above idle its tokens cost now, over all its GPUs, with a {@link TokenEnergy}; 0 without
   * one. Drawn at the rate the load asks for, so an energy-per-token factor above 1 (fewer tokens
   * at the same power) raises the true J/token by that factor here too.
   */
  double tokenWatts() {
    TokenEnergy energy = model.tokenEnergy();
    if (energy == null) {
      return 0;
    }
    double generatedPerSecond = model.generatedTokensPerSecond() * load;
    return energy.watts(generatedPerSecond * promptTokensPerGeneratedToken, generatedPerSecond);
  }

  void chargeEnergy(double joules) {
    trueEnergyJoules += joules;
  }

  /** A process restart: every published counter starts again from zero. */
  void restart(double nowEpochSeconds) {
    promptTokenCounter = 0;
    generatedTokenCounter = 0;
    requestCounter = 0;
    startedAtEpochSeconds = nowEpochSeconds;
  }

  void setAvailable(boolean available) {
    this.available = available;
  }

  boolean available() {
    return available;
  }

  long publishedPromptTokens() {
    return (long) Math.floor(promptTokenCounter);
  }

  long publishedGeneratedTokens() {
    return (long) Math.floor(generatedTokenCounter);
  }

  long publishedRequests() {
    return (long) Math.floor(requestCounter);
  }

  long runningRequests() {
    return Math.round(load * model.maxRunningRequests());
  }

  double startedAtEpochSeconds() {
    return startedAtEpochSeconds;
  }

  double truePromptTokens() {
    return truePromptTokens;
  }

  double trueGeneratedTokens() {
    return trueGeneratedTokens;
  }

  double trueEnergyJoules() {
    return trueEnergyJoules;
  }
}
