package io.tokenjoule.source.nvml;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import io.tokenjoule.MonotonicClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An NVML without a GPU. Every call advances {@link #clock} by {@link #callSeconds}, is counted,
 * and answers from the scripted state of the device, in NVML's own units.
 */
final class FakeNvmlLibrary implements NvmlLibrary {

  /** A clock the test sets; NVML calls advance it. */
  static final class FakeClock implements MonotonicClock {
    double now;

    FakeClock(double start) {
      now = start;
    }

    @Override
    public double nowSeconds() {
      return now;
    }
  }

  /** One scripted GPU. Fields are public to the test: set them between reads. */
  static final class FakeGpu {
    final String uuid;
    final String name;

    /** Popped one per energy read while not empty; then {@link #energyMillijoules} sticks. */
    final Deque<Long> energyScript = new ArrayDeque<>();

    long energyMillijoules = 1_000_000;

    /** When set, answers every energy read instead of the script (a recorded counter, say). */
    java.util.function.LongSupplier energyReader;

    long averagePowerMilliwatts = 250_000;
    long instantPowerMilliwatts = 260_000;

    /** Popped one per instant-power read while not empty. */
    final Deque<Long> instantPowerScript = new ArrayDeque<>();

    long powerLimitMilliwatts = 700_000;
    long temperatureCelsius = 45;
    int utilizationPercent = 30;
    long smClockMegahertz = 1_980;
    long memoryUsedBytes = 1L << 30;
    long memoryTotalBytes = 80L << 30;

    /** The pids with a compute context; {@link #pidsStartingBetweenCalls} join after each call. */
    final List<Integer> computePids = new ArrayList<>();

    int pidsStartingBetweenCalls;

    /** What the energy counter answers; NOT_SUPPORTED makes this a pre-Volta GPU. */
    int energyResult = NVML_SUCCESS;

    /** Whether {@code POWER_AVERAGE} exists (Ampere and newer); also what PowerUsage returns. */
    boolean averagePowerSupported = true;

    /** Per-field answer overriding the scripted one, field id to return code. */
    final Map<Integer, Integer> fieldResults = new HashMap<>();

    /** Per-function answer overriding the scripted one, C name to return code. */
    final Map<String, Integer> functionResults = new HashMap<>();

    /** From this many device calls on (counting from 0), every device call is GPU_IS_LOST. */
    int lostFromCall = Integer.MAX_VALUE;

    /** Device calls made so far, all functions. */
    int deviceCalls;

    /** Device calls per C function. */
    final Map<String, Integer> calls = new HashMap<>();

    /** The field ids of every field-values call, in order. */
    final List<List<Integer>> fieldRequests = new ArrayList<>();

    /** Per-process utilisation samples the driver holds: {pid, timeStamp µs, smUtil %}. */
    final List<long[]> processSamples = new ArrayList<>();

    /** The lastSeenTimeStamp of every process-utilisation call, in order. */
    final List<Long> processUtilizationSince = new ArrayList<>();

    FakeGpu(String uuid, String name) {
      this.uuid = uuid;
      this.name = name;
    }

    int calls(String function) {
      return calls.getOrDefault(function, 0);
    }
  }

  final FakeClock clock;
  double callSeconds = 0.002;
  final List<FakeGpu> gpus = new ArrayList<>();
  int initResult = NVML_SUCCESS;
  int initCalls;
  int shutdownCalls;
  String driverVersion = "550.54.15";

  /** Makes nvmlDeviceGetFieldValues missing, as in a driver that predates it. */
  boolean fieldValuesMissing;

  FakeNvmlLibrary(FakeClock clock) {
    this.clock = clock;
  }

  FakeGpu addGpu(String uuid, String name) {
    FakeGpu gpu = new FakeGpu(uuid, name);
    gpus.add(gpu);
    return gpu;
  }

  @Override
  public int nvmlInit_v2() {
    tick();
    initCalls++;
    return initResult;
  }

  @Override
  public int nvmlShutdown() {
    tick();
    shutdownCalls++;
    return NVML_SUCCESS;
  }

  @Override
  public String nvmlErrorString(int result) {
    switch (result) {
      case NVML_ERROR_NOT_SUPPORTED:
        return "Not Supported";
      case NVML_ERROR_NO_PERMISSION:
        return "Insufficient Permissions";
      case NVML_ERROR_DRIVER_NOT_LOADED:
        return "Driver Not Loaded";
      case NVML_ERROR_GPU_IS_LOST:
        return "GPU is lost";
      case NVML_ERROR_UNKNOWN:
        return "Unknown Error";
      default:
        return "fake error " + result;
    }
  }

  @Override
  public int nvmlSystemGetDriverVersion(byte[] version, int length) {
    tick();
    return copyString(driverVersion, version, length);
  }

  @Override
  public int nvmlDeviceGetCount_v2(IntByReference deviceCount) {
    tick();
    deviceCount.setValue(gpus.size());
    return NVML_SUCCESS;
  }

  @Override
  public int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device) {
    tick();
    if (index < 0 || index >= gpus.size()) {
      return NVML_ERROR_INVALID_ARGUMENT;
    }
    device.setValue(new Pointer(index + 1));
    return NVML_SUCCESS;
  }

  @Override
  public int nvmlDeviceGetName(NvmlDevice device, byte[] name, int length) {
    FakeGpu gpu = gpu(device);
    int rc = deviceCall(gpu, "nvmlDeviceGetName");
    return rc != NVML_SUCCESS ? rc : copyString(gpu.name, name, length);
  }

  @Override
  public int nvmlDeviceGetUUID(NvmlDevice device, byte[] uuid, int length) {
    FakeGpu gpu = gpu(device);
    int rc = deviceCall(gpu, "nvmlDeviceGetUUID");
    return rc != NVML_SUCCESS ? rc : copyString(gpu.uuid, uuid, length);
  }

  @Override
  public int nvmlDeviceGetTotalEnergyConsumption(NvmlDevice device, LongByReference energy) {
    FakeGpu gpu = gpu(device);
    int rc = deviceCall(gpu, "nvmlDeviceGetTotalEnergyConsumption");
    if (rc == NVML_SUCCESS && gpu.energyResult != NVML_SUCCESS) {
      return gpu.energyResult;
    }
    if (rc == NVML_SUCCESS) {
      energy.setValue(nextEnergy(gpu));
    }
    return rc;
  }

  @Override
  public int nvmlDeviceGetPowerUsage(NvmlDevice device, IntByReference power) {
    FakeGpu gpu = gpu(device);
    int rc = deviceCall(gpu, "nvmlDeviceGetPowerUsage");
    if (rc == NVML_SUCCESS) {
      power.setValue(
          (int) (gpu.averagePowerSupported ? gpu.averagePowerMilliwatts : nextInstantPower(gpu)));
    }
    return rc;
  }

  @Override
  public int nvmlDeviceGetEnforcedPowerLimit(NvmlDevice device, IntByReference limit) {
    FakeGpu gpu = gpu(device);
    int rc = deviceCall(gpu, "nvmlDeviceGetEnforcedPowerLimit");
    if (rc == NVML_SUCCESS) {
      limit.setValue((int) gpu.powerLimitMilliwatts);
    }
    return rc;
  }

  @Override
  public int nvmlDeviceGetTemperature(NvmlDevice device, int sensorType, IntByReference temp) {
    FakeGpu gpu = gpu(device);
    int rc = deviceCall(gpu, "nvmlDeviceGetTemperature");
    if (rc == NVML_SUCCESS && sensorType != NVML_TEMPERATURE_GPU) {
      return NVML_ERROR_INVALID_ARGUMENT;
    }
    if (rc == NVML_SUCCESS) {
      temp.setValue((int) gpu.temperatureCelsius);
    }
    return rc;
  }

  @Override
  public int nvmlDeviceGetUtilizationRates(NvmlDevice device, NvmlUtilization utilization) {
    FakeGpu gpu = gpu(device);
    int rc = deviceCall(gpu, "nvmlDeviceGetUtilizationRates");
    if (rc == NVML_SUCCESS) {
      utilization.gpu = gpu.utilizationPercent;
      utilization.memory = 0;
    }
    return rc;
  }

  @Override
  public int nvmlDeviceGetClockInfo(NvmlDevice device, int type, IntByReference clockMhz) {
    FakeGpu gpu = gpu(device);
    int rc = deviceCall(gpu, "nvmlDeviceGetClockInfo");
    if (rc == NVML_SUCCESS && type != NVML_CLOCK_SM) {
      return NVML_ERROR_INVALID_ARGUMENT;
    }
    if (rc == NVML_SUCCESS) {
      clockMhz.setValue((int) gpu.smClockMegahertz);
    }
    return rc;
  }

  @Override
  public int nvmlDeviceGetMemoryInfo(NvmlDevice device, NvmlMemory memory) {
    FakeGpu gpu = gpu(device);
    int rc = deviceCall(gpu, "nvmlDeviceGetMemoryInfo");
    if (rc == NVML_SUCCESS) {
      memory.total = gpu.memoryTotalBytes;
      memory.used = gpu.memoryUsedBytes;
      memory.free = gpu.memoryTotalBytes - gpu.memoryUsedBytes;
    }
    return rc;
  }

  @Override
  public int nvmlDeviceGetComputeRunningProcesses_v3(
      NvmlDevice device, IntByReference infoCount, NvmlProcessInfo[] infos) {
    FakeGpu gpu = gpu(device);
    int rc = deviceCall(gpu, "nvmlDeviceGetComputeRunningProcesses_v3");
    if (rc == NVML_SUCCESS) {
      List<Integer> running = List.copyOf(gpu.computePids);
      for (int i = 0; i < gpu.pidsStartingBetweenCalls; i++) {
        gpu.computePids.add(90_000 + gpu.computePids.size());
      }
      if (infoCount.getValue() < running.size()) {
        infoCount.setValue(running.size());
        return NVML_ERROR_INSUFFICIENT_SIZE;
      }
      infoCount.setValue(running.size());
      for (int i = 0; i < running.size(); i++) {
        infos[i].pid = running.get(i);
        infos[i].gpuInstanceId = -1;
        infos[i].computeInstanceId = -1;
      }
    }
    return rc;
  }

  @Override
  public int nvmlDeviceGetFieldValues(NvmlDevice device, int valuesCount, NvmlFieldValue[] values) {
    if (fieldValuesMissing) {
      tick();
      throw new UnsatisfiedLinkError("Error looking up function 'nvmlDeviceGetFieldValues'");
    }
    FakeGpu gpu = gpu(device);
    int rc = deviceCall(gpu, "nvmlDeviceGetFieldValues");
    if (rc != NVML_SUCCESS) {
      return rc;
    }
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < valuesCount; i++) {
      NvmlFieldValue value = values[i];
      ids.add(value.fieldId);
      answer(gpu, value);
    }
    gpu.fieldRequests.add(ids);
    return NVML_SUCCESS;
  }

  private void answer(FakeGpu gpu, NvmlFieldValue value) {
    Integer forced = gpu.fieldResults.get(value.fieldId);
    if (forced != null) {
      value.nvmlReturn = forced;
      return;
    }
    value.nvmlReturn = NVML_SUCCESS;
    switch (value.fieldId) {
      case NVML_FI_DEV_TOTAL_ENERGY_CONSUMPTION:
        if (gpu.energyResult != NVML_SUCCESS) {
          value.nvmlReturn = gpu.energyResult;
          return;
        }
        value.valueType = NVML_VALUE_TYPE_UNSIGNED_LONG_LONG;
        value.value.setType(long.class);
        value.value.ullVal = nextEnergy(gpu);
        return;
      case NVML_FI_DEV_POWER_AVERAGE:
        if (!gpu.averagePowerSupported) {
          value.nvmlReturn = NVML_ERROR_NOT_SUPPORTED;
          return;
        }
        unsignedInt(value, gpu.averagePowerMilliwatts);
        return;
      case NVML_FI_DEV_POWER_INSTANT:
        unsignedInt(value, nextInstantPower(gpu));
        return;
      case NVML_FI_DEV_POWER_CURRENT_LIMIT:
        unsignedInt(value, gpu.powerLimitMilliwatts);
        return;
      default:
        value.nvmlReturn = NVML_ERROR_INVALID_ARGUMENT;
    }
  }

  private static void unsignedInt(NvmlFieldValue value, long number) {
    value.valueType = NVML_VALUE_TYPE_UNSIGNED_INT;
    value.value.setType(int.class);
    value.value.uiVal = (int) number;
  }

  private static long nextEnergy(FakeGpu gpu) {
    if (gpu.energyReader != null) {
      gpu.energyMillijoules = gpu.energyReader.getAsLong();
    } else if (!gpu.energyScript.isEmpty()) {
      gpu.energyMillijoules = gpu.energyScript.pop();
    }
    return gpu.energyMillijoules;
  }

  private static long nextInstantPower(FakeGpu gpu) {
    if (!gpu.instantPowerScript.isEmpty()) {
      gpu.instantPowerMilliwatts = gpu.instantPowerScript.pop();
    }
    return gpu.instantPowerMilliwatts;
  }

  private FakeGpu gpu(NvmlDevice device) {
    return gpus.get((int) Pointer.nativeValue(device.getPointer()) - 1);
  }

  @Override
  public int nvmlDeviceGetProcessUtilization(
      NvmlDevice device,
      NvmlProcessUtilizationSample[] utilization,
      IntByReference processSamplesCount,
      long lastSeenTimeStamp) {
    FakeGpu gpu = gpu(device);
    int rc = deviceCall(gpu, "nvmlDeviceGetProcessUtilization");
    gpu.processUtilizationSince.add(lastSeenTimeStamp);
    if (rc != NVML_SUCCESS) {
      return rc;
    }
    List<long[]> newer =
        gpu.processSamples.stream().filter(sample -> sample[1] > lastSeenTimeStamp).toList();
    if (newer.isEmpty()) {
      processSamplesCount.setValue(0);
      return NVML_ERROR_NOT_FOUND;
    }
    if (utilization == null || processSamplesCount.getValue() < newer.size()) {
      processSamplesCount.setValue(newer.size());
      return NVML_ERROR_INSUFFICIENT_SIZE;
    }
    for (int i = 0; i < newer.size(); i++) {
      utilization[i].pid = (int) newer.get(i)[0];
      utilization[i].timeStamp = newer.get(i)[1];
      utilization[i].smUtil = (int) newer.get(i)[2];
    }
    processSamplesCount.setValue(newer.size());
    return NVML_SUCCESS;
  }

  private int deviceCall(FakeGpu gpu, String function) {
    tick();
    int callNumber = gpu.deviceCalls++;
    gpu.calls.merge(function, 1, Integer::sum);
    if (callNumber >= gpu.lostFromCall) {
      return NVML_ERROR_GPU_IS_LOST;
    }
    return gpu.functionResults.getOrDefault(function, NVML_SUCCESS);
  }

  private void tick() {
    clock.now += callSeconds;
  }

  private static int copyString(String text, byte[] buffer, int length) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length + 1 > length) {
      return NVML_ERROR_INSUFFICIENT_SIZE;
    }
    System.arraycopy(bytes, 0, buffer, 0, bytes.length);
    buffer[bytes.length] = 0;
    return NVML_SUCCESS;
  }
}
