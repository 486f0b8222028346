package io.tokenjoule.export;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tokenjoule.account.GpuAccount;
import io.tokenjoule.source.GpuGauges;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Per-GPU meters: the reset-corrected energy counter, power (ΔE/Δt), the device's own gauges, and
 * {@code tokenjoule_gpu_up}. Labels: {@code gpu} (index), {@code uuid}, {@code gpu_model}, {@code
 * source}; the energy counter also says how it was measured ({@code method="counter"} or {@code
 * "power_integration"}). {@code tokenjoule_gpu_unattributed_energy_joules_total} is the part of the
 * energy no server was charged with, so that summed with every server's attributed energy it gives
 * the GPUs' energy.
 */
public final class GpuMeters {

  private static final List<MeterSpec<GpuAccount>> GAUGES =
      List.of(
          MeterSpec.gauge(
              "tokenjoule.gpu.up",
              null,
              "1 if the GPU was read this tick, else 0.",
              g -> g.up() ? 1 : 0),
          MeterSpec.gauge(
              "tokenjoule.gpu.power",
              "watts",
              "Power over the last tick, from the energy counter (ΔE/Δt).",
              GpuAccount::powerWatts),
          MeterSpec.gauge(
              "tokenjoule.gpu.power.sampled",
              "watts",
              "The device's own power reading (a 1 s average on Hopper).",
              GpuAccount::sampledPowerWatts),
          MeterSpec.gauge(
              "tokenjoule.gpu.power.discrepancy",
              "ratio",
              "Energy-counter increase over the window against the sampled power integrated over"
                  + " it, (counter - integrated) / integrated; absent while not measurable.",
              GpuAccount::powerDiscrepancyRatio),
          gauge(
              "tokenjoule.gpu.power.limit",
              "watts",
              "Enforced power limit.",
              GpuGauges::powerLimitWatts),
          gauge(
              "tokenjoule.gpu.temperature",
              "celsius",
              "GPU core temperature.",
              GpuGauges::temperatureCelsius),
          gauge(
              "tokenjoule.gpu.utilization",
              "ratio",
              "Fraction of time a kernel ran.",
              GpuGauges::utilizationRatio),
          gauge("tokenjoule.gpu.sm.clock", "hertz", "Current SM clock.", GpuGauges::smClockHertz),
          gauge(
              "tokenjoule.gpu.memory.used",
              "bytes",
              "Device memory in use.",
              GpuGauges::memoryUsedBytes),
          gauge(
              "tokenjoule.gpu.memory.total",
              "bytes",
              "Device memory installed.",
              GpuGauges::memoryTotalBytes));

  private static final List<MeterSpec<GpuAccount>> COUNTERS =
      List.of(
          MeterSpec.counter(
              "tokenjoule.gpu.energy",
              "joules",
              "GPU energy, reset-corrected.",
              GpuAccount::energyJoulesTotal));

  private static final List<MeterSpec<GpuAccount>> UNATTRIBUTED =
      List.of(
          MeterSpec.counter(
              "tokenjoule.gpu.unattributed.energy",
              "joules",
              "GPU energy no server was charged with: a GPU without servers, and on a GPU split by"
                  + " SM utilisation the share of processes of no server.",
              GpuAccount::unattributedJoulesTotal));

  private final String source;
  private final LazyMeters<GpuAccount> unattributed;
  private final LazyMeters<GpuAccount> gauges;
  private final LazyMeters<GpuAccount> energy;

  public GpuMeters(MeterRegistry registry, String source) {
    this.source = source;
    this.gauges = new LazyMeters<>(registry, GAUGES);
    this.energy = new LazyMeters<>(registry, COUNTERS);
    this.unattributed = new LazyMeters<>(registry, UNATTRIBUTED);
  }

  /** Publishes this tick's GPUs; the list keeps the same GPUs in the same order every tick. */
  public void update(List<GpuAccount> gpus) {
    for (GpuAccount gpu : gpus) {
      Tags tags =
          Tags.of(
              "gpu", Integer.toString(gpu.gpu().index()),
              "uuid", gpu.gpu().uuid(),
              "gpu_model", gpu.gpu().model(),
              "source", source);
      gauges.offer(gpu.gpu().uuid(), tags, gpu);
      unattributed.offer(gpu.gpu().uuid(), tags, gpu);
      if (gpu.energyMethod() != null) {
        // The method is fixed per GPU once it was read, so the label never changes.
        energy.offer(gpu.gpu().uuid(), tags.and("method", gpu.energyMethod().label()), gpu);
      }
    }
  }

  private static MeterSpec<GpuAccount> gauge(
      String name, String unit, String description, ToDoubleFunction<GpuGauges> value) {
    return MeterSpec.<GpuAccount>gauge(
        name, unit, description, g -> value.applyAsDouble(g.gauges()));
  }
}
