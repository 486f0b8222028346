package io.tokenjoule.source.nvml;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.source.EnergyMethod;
import io.tokenjoule.source.GpuGauges;
import io.tokenjoule.source.GpuIdentity;
import io.tokenjoule.source.GpuReading;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one GPU for {@link NvmlGpuSource}: energy and power in one {@code nvmlDeviceGetFieldValues}
 * call per tick, the slow gauges through {@link NvmlGaugeReader}.
 *
 * <p><b>Energy.</b> The method is decided once, by asking for the total-energy counter: if the
 * device has it, {@link EnergyMethod#COUNTER}; if it is unavailable (pre-Volta), {@link
 * EnergyMethod#POWER_INTEGRATION} of sampled power, starting at 0 J. If the GPU is broken when the
 * source starts, the method is decided at its first successful read.
 *
 * <p><b>Fields and fallbacks.</b> Each quantity has a field and an individual call: energy (field
 * {@code TOTAL_ENERGY_CONSUMPTION} or {@code nvmlDeviceGetTotalEnergyConsumption}), sampled power
 * ({@code POWER_AVERAGE}, else {@code POWER_INSTANT}, else {@code nvmlDeviceGetPowerUsage}; power
 * integration prefers {@code POWER_INSTANT}), and the enforced limit ({@code POWER_CURRENT_LIMIT},
 * else {@code nvmlDeviceGetEnforcedPowerLimit} with the slow gauges). A field that answers with an
 * unavailable code, or with {@code INVALID_ARGUMENT} (how a driver that predates a field id refuses
 * it), is dropped for good with one log line and its call takes over; if the driver lacks {@code
 * nvmlDeviceGetFieldValues} altogether, individual calls are used from then on.
 *
 * <p><b>Time.</b> A reading is stamped with the midpoint of the call that produced its energy, and
 * its time uncertainty is half that call's duration.
 *
 * <p><b>Failures and retry.</b> A broken error (GPU lost, unknown error, timeout...) makes the
 * reading {@link GpuReading.Down} with the code's label as reason. The GPU is retried with the same
 * handle after {@value #FIRST_RETRY_SECONDS} s, then after doubling delays up to {@value
 * #MAX_RETRY_SECONDS} s; reads in between return the same {@code Down} without calling NVML, so a
 * dead GPU costs the tick nothing and a hung one stalls it at most once per delay. A GPU that fell
 * off the bus usually comes back only after a reset, which invalidates every handle: to pick it up,
 * close the source and open a new one. Power integration does not integrate across a gap.
 *
 * <p>Not thread-safe: one thread at a time.
 */
final class NvmlGpu {

  static final double COUNTER_UPDATE_PERIOD_SECONDS = 0.1;
  static final double FIRST_RETRY_SECONDS = 1;
  static final double MAX_RETRY_SECONDS = 60;

  private static final Logger LOG = LoggerFactory.getLogger(NvmlGpu.class);

  private final Nvml nvml;
  private final NvmlDevice device;
  private final GpuIdentity gpu;
  private final MonotonicClock clock;
  private final NvmlGaugeReader gauges;
  private final PowerIntegrator integrator = new PowerIntegrator();

  private EnergyMethod method;
  private boolean fieldValuesAvailable = true;
  private final Set<Integer> unavailableFields = new HashSet<>();
  private NvmlException powerUsageUnavailable;

  private int[] requestedFields = new int[0];
  private NvmlFieldValue[] fieldBuffer;

  private NvmlException failure;
  private double retryDelaySeconds;
  private double nextRetrySeconds;

  /** Decides the energy method; a broken GPU starts down and is retried on the first read. */
  NvmlGpu(
      Nvml nvml,
      NvmlDevice device,
      GpuIdentity gpu,
      MonotonicClock clock,
      double gaugeRefreshSeconds) {
    this.nvml = nvml;
    this.device = device;
    this.gpu = gpu;
    this.clock = clock;
    this.gauges = new NvmlGaugeReader(nvml, device, gpu, gaugeRefreshSeconds);
    try {
      method = probeEnergyMethod();
    } catch (NvmlException e) {
      markDown(e, clock.nowSeconds());
      nextRetrySeconds = clock.nowSeconds(); // first read retries at once
      retryDelaySeconds = 0;
    }
  }

  GpuIdentity identity() {
    return gpu;
  }

  /** Empty until decided (a GPU broken since start). */
  Optional<EnergyMethod> energyMethod() {
    return Optional.ofNullable(method);
  }

  /** Reads the GPU now; never throws for an NVML failure, which becomes {@link GpuReading.Down}. */
  GpuReading read() {
    double now = clock.nowSeconds();
    if (failure != null && now < nextRetrySeconds) {
      return down(now);
    }
    try {
      if (method == null) {
        method = probeEnergyMethod();
      }
      GpuReading.Up reading = readUp();
      if (failure != null) {
        LOG.info("GPU {} ({}) is readable again", gpu.index(), gpu.uuid());
        failure = null;
        retryDelaySeconds = 0;
      }
      return reading;
    } catch (NvmlException e) {
      markDown(e, now);
      return down(now);
    }
  }

  private EnergyMethod probeEnergyMethod() {
    try {
      nvml.totalEnergyMillijoules(device);
      return EnergyMethod.COUNTER;
    } catch (NvmlException e) {
      if (!e.isUnavailable()) {
        throw e;
      }
      LOG.info(
          "GPU {} ({}, {}) has no energy counter ({}): integrating sampled power with the"
              + " trapezoid rule, which lags and misses transients",
          gpu.index(),
          gpu.uuid(),
          gpu.model(),
          e.getMessage());
      return EnergyMethod.POWER_INTEGRATION;
    }
  }

  private GpuReading.Up readUp() {
    Sample sample = new Sample();
    if (fieldValuesAvailable) {
      readFields(sample);
    }
    if (method == EnergyMethod.COUNTER && Double.isNaN(sample.energyMillijoules)) {
      double start = clock.nowSeconds();
      sample.energyMillijoules = nvml.totalEnergyMillijoules(device);
      sample.timed(start, clock.nowSeconds());
    }
    if (Double.isNaN(sample.powerMilliwatts)) {
      double start = clock.nowSeconds();
      sample.powerMilliwatts = powerUsageMilliwatts();
      if (method == EnergyMethod.POWER_INTEGRATION) {
        if (Double.isNaN(sample.powerMilliwatts)) {
          throw powerUsageUnavailable; // no power, no energy: nothing to report for this GPU
        }
        sample.timed(start, clock.nowSeconds());
      }
    }

    double timestamp = (sample.startSeconds + sample.endSeconds) / 2;
    double uncertainty = (sample.endSeconds - sample.startSeconds) / 2;
    double powerWatts = sample.powerMilliwatts / 1000.0;
    double energyJoules;
    double updatePeriod;
    if (method == EnergyMethod.COUNTER) {
      energyJoules = sample.energyMillijoules / 1000.0;
      updatePeriod = COUNTER_UPDATE_PERIOD_SECONDS;
    } else {
      energyJoules = integrator.add(timestamp, powerWatts);
      updatePeriod = integrator.lastIntervalSeconds();
    }
    GpuGauges current = gauges.gauges(sample.endSeconds, sample.powerLimitMilliwatts / 1000.0);
    return new GpuReading.Up(
        gpu, timestamp, uncertainty, energyJoules, method, updatePeriod, powerWatts, current);
  }

  /** One field-values call; fills what it can into {@code sample} and drops refused fields. */
  private void readFields(Sample sample) {
    NvmlFieldValue[] values = fieldBuffer(plannedFields());
    if (values.length == 0) {
      return;
    }
    double start = clock.nowSeconds();
    try {
      nvml.fieldValues(device, values);
    } catch (NvmlException e) {
      if (!e.isUnavailable()) {
        throw e;
      }
      fieldValuesAvailable = false;
      LOG.info(
          "GPU {} ({}): field values are not available ({}), reading with one call per value",
          gpu.index(),
          gpu.uuid(),
          e.getMessage());
      return;
    }
    double end = clock.nowSeconds();
    for (NvmlFieldValue value : values) {
      double number = fieldNumber(value);
      if (Double.isNaN(number)) {
        continue;
      }
      switch (value.fieldId) {
        case NvmlLibrary.NVML_FI_DEV_TOTAL_ENERGY_CONSUMPTION:
          sample.energyMillijoules = number;
          sample.timed(start, end);
          break;
        case NvmlLibrary.NVML_FI_DEV_POWER_AVERAGE:
        case NvmlLibrary.NVML_FI_DEV_POWER_INSTANT:
          sample.powerMilliwatts = number;
          if (method == EnergyMethod.POWER_INTEGRATION) {
            sample.timed(start, end);
          }
          break;
        case NvmlLibrary.NVML_FI_DEV_POWER_CURRENT_LIMIT:
          sample.powerLimitMilliwatts = number;
          break;
        default:
          break; // the driver echoes our ids; nothing else can come back
      }
    }
  }

  /** The fields this tick asks for, in a fixed order; at most one per quantity. */
  private int[] plannedFields() {
    int[] plan = new int[3];
    int n = 0;
    if (method == EnergyMethod.COUNTER
        && available(NvmlLibrary.NVML_FI_DEV_TOTAL_ENERGY_CONSUMPTION)) {
      plan[n++] = NvmlLibrary.NVML_FI_DEV_TOTAL_ENERGY_CONSUMPTION;
    }
    if (method == EnergyMethod.COUNTER && available(NvmlLibrary.NVML_FI_DEV_POWER_AVERAGE)) {
      plan[n++] = NvmlLibrary.NVML_FI_DEV_POWER_AVERAGE;
    } else if (available(NvmlLibrary.NVML_FI_DEV_POWER_INSTANT)) {
      plan[n++] = NvmlLibrary.NVML_FI_DEV_POWER_INSTANT;
    }
    if (available(NvmlLibrary.NVML_FI_DEV_POWER_CURRENT_LIMIT)) {
      plan[n++] = NvmlLibrary.NVML_FI_DEV_POWER_CURRENT_LIMIT;
    }
    return Arrays.copyOf(plan, n);
  }

  private boolean available(int fieldId) {
    return !unavailableFields.contains(fieldId);
  }

  /** Reuses the native buffer while the plan stays the same. */
  private NvmlFieldValue[] fieldBuffer(int[] fieldIds) {
    if (!Arrays.equals(fieldIds, requestedFields) || fieldBuffer == null) {
      requestedFields = fieldIds;
      fieldBuffer =
          fieldIds.length == 0
              ? new NvmlFieldValue[0]
              : (NvmlFieldValue[]) new NvmlFieldValue().toArray(fieldIds.length);
    }
    for (int i = 0; i < fieldIds.length; i++) {
      fieldBuffer[i].fieldId = fieldIds[i];
      fieldBuffer[i].scopeId = 0;
    }
    return fieldBuffer;
  }

  /**
   * The value of one answered field, or {@code NaN} when the field is refused for good (it is then
   * dropped from later requests).
   *
   * @throws NvmlException for a broken per-field code
   */
  private double fieldNumber(NvmlFieldValue value) {
    NvmlReturn result = NvmlReturn.of(value.nvmlReturn);
    if (result == NvmlReturn.SUCCESS) {
      double number = value.valueAsDouble();
      if (Double.isNaN(number) || number < 0) {
        dropField(value.fieldId, "value type " + value.valueType + " is not a count");
      }
      return number < 0 ? Double.NaN : number;
    }
    String function = "nvmlDeviceGetFieldValues(" + fieldName(value.fieldId) + ")";
    NvmlException e =
        new NvmlException(value.nvmlReturn, function, nvml.errorString(value.nvmlReturn));
    if (!e.isUnavailable() && result != NvmlReturn.INVALID_ARGUMENT) {
      throw e;
    }
    dropField(value.fieldId, e.getMessage());
    return Double.NaN;
  }

  private void dropField(int fieldId, String why) {
    unavailableFields.add(fieldId);
    LOG.info(
        "GPU {} ({}): field {} is not available ({}), using the individual call instead",
        gpu.index(),
        gpu.uuid(),
        fieldName(fieldId),
        why);
  }

  /** {@code nvmlDeviceGetPowerUsage} in mW, or {@code NaN} once it proved unavailable. */
  private double powerUsageMilliwatts() {
    if (powerUsageUnavailable != null) {
      return Double.NaN;
    }
    try {
      return nvml.powerMilliwatts(device);
    } catch (NvmlException e) {
      if (!e.isUnavailable()) {
        throw e;
      }
      powerUsageUnavailable = e;
      LOG.info(
          "GPU {} ({}): power is not available ({}), sampled power is reported as NaN",
          gpu.index(),
          gpu.uuid(),
          e.getMessage());
      return Double.NaN;
    }
  }

  private void markDown(NvmlException e, double now) {
    if (failure == null) {
      LOG.warn(
          "GPU {} ({}) is down: {}; retrying after {} s, then at doubling intervals up to {} s",
          gpu.index(),
          gpu.uuid(),
          e.getMessage(),
          FIRST_RETRY_SECONDS,
          MAX_RETRY_SECONDS);
    }
    retryDelaySeconds =
        retryDelaySeconds == 0
            ? FIRST_RETRY_SECONDS
            : Math.min(retryDelaySeconds * 2, MAX_RETRY_SECONDS);
    failure = e;
    nextRetrySeconds = now + retryDelaySeconds;
    integrator.forgetLastSample();
    gauges.invalidate();
  }

  private GpuReading.Down down(double now) {
    return new GpuReading.Down(
        gpu,
        now,
        failure.result().label(),
        "GPU " + gpu.index() + " (" + gpu.uuid() + "): " + failure.getMessage());
  }

  static String fieldName(int fieldId) {
    switch (fieldId) {
      case NvmlLibrary.NVML_FI_DEV_TOTAL_ENERGY_CONSUMPTION:
        return "NVML_FI_DEV_TOTAL_ENERGY_CONSUMPTION";
      case NvmlLibrary.NVML_FI_DEV_POWER_AVERAGE:
        return "NVML_FI_DEV_POWER_AVERAGE";
      case NvmlLibrary.NVML_FI_DEV_POWER_INSTANT:
        return "NVML_FI_DEV_POWER_INSTANT";
      case NvmlLibrary.NVML_FI_DEV_POWER_CURRENT_LIMIT:
        return "NVML_FI_DEV_POWER_CURRENT_LIMIT";
      default:
        return "field " + fieldId;
    }
  }

  /** What one tick gathered, in NVML units; NaN where not (yet) read. */
  private static final class Sample {
    double energyMillijoules = Double.NaN;
    double powerMilliwatts = Double.NaN;
    double powerLimitMilliwatts = Double.NaN;
    double startSeconds = Double.NaN;
    double endSeconds = Double.NaN;

    /** Records the span of the call that produced the energy. */
    void timed(double start, double end) {
      startSeconds = start;
      endSeconds = end;
    }
  }
}
