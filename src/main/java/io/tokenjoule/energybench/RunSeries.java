package io.tokenjoule.energybench;

import java.util.ArrayList;
import java.util.List;

/**
 * Power and generated tokens per second over a run, for result.json and the chart. Times are
 * seconds since the run's origin.
 *
 * @param power watts over consecutive sampling intervals, at the midpoint of each
 * @param tokensPerSecond generated tokens per second in consecutive bins, at each bin's midpoint
 */
public record RunSeries(List<double[]> power, List<double[]> tokensPerSecond) {

  /** Bins of at least one second, or the sample period if longer. */
  public static RunSeries of(BenchResult result) {
    double origin = result.originSeconds();
    List<double[]> power = new ArrayList<>();
    for (double[] interval :
        EnergyTimeline.power(result.timeline(), result.samplePeriodSeconds())) {
      power.add(new double[] {(interval[0] + interval[1]) / 2 - origin, interval[2]});
    }
    double bin = Math.max(1, result.samplePeriodSeconds());
    double end = 0;
    for (LevelResult level : result.levels()) {
      for (RequestOutcome o : level.outcomes()) {
        end = Math.max(end, o.endSeconds() - origin);
      }
    }
    int bins = Math.max(1, (int) Math.ceil(end / bin));
    double[] tokens = new double[bins];
    for (LevelResult level : result.levels()) {
      for (RequestOutcome o : level.outcomes()) {
        double perChunk = o.tokensPerChunk();
        for (double t : o.chunkSeconds()) {
          int index = (int) Math.floor((t - origin) / bin);
          if (index >= 0 && index < bins) {
            tokens[index] += perChunk;
          }
        }
      }
    }
    List<double[]> rate = new ArrayList<>(bins);
    for (int i = 0; i < bins; i++) {
      rate.add(new double[] {(i + 0.5) * bin, tokens[i] / bin});
    }
    return new RunSeries(List.copyOf(power), List.copyOf(rate));
  }
}
