package io.tokenjoule.account.split;

import java.util.Random;

/**
 * A made-up server whose interval energy is exactly {@code a × prompt + b × generated + c ×
 * seconds}, plus Gaussian noise on its power, with a load and a mix drawn at random per interval
 * (or held fixed). Seeded, so every run sees the same intervals.
 */
final class SyntheticServer {

  static final double MAX_GENERATED_PER_SECOND = 2000;

  private final Random random;
  private double joulesPerPrompt;
  private double joulesPerGenerated;
  private double staticWatts;
  private double noiseWatts;
  private boolean mixVaries = true;
  private boolean loadVaries = true;

  SyntheticServer(
      long seed, double joulesPerPrompt, double joulesPerGenerated, double staticWatts) {
    this.random = new Random(seed);
    setTruth(joulesPerPrompt, joulesPerGenerated, staticWatts);
  }

  SyntheticServer noise(double watts) {
    noiseWatts = watts;
    return this;
  }

  SyntheticServer fixedMix() {
    mixVaries = false;
    return this;
  }

  SyntheticServer fixedLoad() {
    loadVaries = false;
    return this;
  }

  void setTruth(double joulesPerPrompt, double joulesPerGenerated, double staticWatts) {
    this.joulesPerPrompt = joulesPerPrompt;
    this.joulesPerGenerated = joulesPerGenerated;
    this.staticWatts = staticWatts;
  }

  /** Feeds {@code count} intervals of {@code seconds} each to {@code fit}. */
  void feed(PrefillDecodeFit fit, int count, double seconds) {
    for (int i = 0; i < count; i++) {
      double load = loadVaries ? 0.1 + 0.9 * random.nextDouble() : 0.6;
      double mix = mixVaries ? 1 + 5 * random.nextDouble() : 3;
      double generated = MAX_GENERATED_PER_SECOND * load * seconds;
      double prompt = generated * mix;
      fit.add(seconds, prompt, generated, energy(seconds, prompt, generated));
    }
  }

  /** The true energy of such an interval, with this server's noise. */
  double energy(double seconds, double prompt, double generated) {
    double noise = noiseWatts * random.nextGaussian() / Math.sqrt(seconds);
    return joulesPerPrompt * prompt
        + joulesPerGenerated * generated
        + (staticWatts + noise) * seconds;
  }
}
