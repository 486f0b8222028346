package io.tokenjoule.simulate;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.source.GpuIdentity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Simulated GPUs and simulated inference servers that know their ground truth, for the demo and for
 * tests. Servers' load drives both their GPUs' power and their token counters, so the true joules
 * per token is known exactly and can be compared with what the agent measures.
 *
 * <p>Time advances lazily on a fixed grid of {@link #STEP_SECONDS} engine steps: every read first
 * plays the steps up to now. Load is constant within a step. Energy counters are published every
 * {@link #COUNTER_UPDATE_SECONDS}, token counters every step. Thread-safe: every method holds the
 * world's lock.
 */
public final class SimulatedWorld {

  /** One engine step, in seconds. */
  public static final double STEP_SECONDS = 0.02;

  /** How often a GPU's energy counter moves, as NVML's does on Volta and newer. */
  public static final double COUNTER_UPDATE_SECONDS = 0.1;

  private static final int STEPS_PER_COUNTER_UPDATE =
      (int) Math.round(COUNTER_UPDATE_SECONDS / STEP_SECONDS);

  /** How far back the truth can be read by default: longer than any window a demo shows. */
  public static final double DEFAULT_TRUTH_SECONDS = 900;

  private static final long FIRST_PID = 4000;

  private final MonotonicClock clock;
  private final DoubleSupplier epochSeconds;
  private final double origin;
  private long stepsDone;
  private final List<SimulatedGpu> gpus = new ArrayList<>();
  private final Map<String, SimulatedEngine> engines = new LinkedHashMap<>();
  private final Map<String, TruthHistory> truth = new LinkedHashMap<>();
  private final Map<SimulatedEngine, Long> pids = new LinkedHashMap<>();

  /**
   * @param clock the monotonic clock the agent uses too, so truth and measurement share one time
   * @param epochSeconds wall-clock seconds, only for the {@code _created} series
   * @param gpuModel the GPU model name, for example {@code Simulated H100 80GB HBM3}
   * @param gpuPowers one power model per simulated GPU
   * @param servers the simulated servers; each names GPUs by index into {@code gpuPowers}
   */
  public SimulatedWorld(
      MonotonicClock clock,
      DoubleSupplier epochSeconds,
      String gpuModel,
      List<PowerModel> gpuPowers,
      List<EngineModel> servers) {
    this(clock, epochSeconds, gpuModel, gpuPowers, servers, DEFAULT_TRUTH_SECONDS);
  }

  /**
   * A world that keeps the truth for {@code truthSeconds} back (one point per step and server, 32
   * bytes each), for the other parameters see {@link #SimulatedWorld(MonotonicClock,
   * DoubleSupplier, String, List, List)}.
   */
  public SimulatedWorld(
      MonotonicClock clock,
      DoubleSupplier epochSeconds,
      String gpuModel,
      List<PowerModel> gpuPowers,
      List<EngineModel> servers,
      double truthSeconds) {
    if (!(truthSeconds > 0)) {
      throw new IllegalArgumentException("truthSeconds must be > 0");
    }
    this.clock = clock;
    this.epochSeconds = epochSeconds;
    this.origin = clock.nowSeconds();
    for (int i = 0; i < gpuPowers.size(); i++) {
      gpus.add(new SimulatedGpu(new GpuIdentity(i, simulatedUuid(i), gpuModel), gpuPowers.get(i)));
    }
    int historyPoints = (int) Math.ceil(truthSeconds / STEP_SECONDS) + 1;
    for (EngineModel server : servers) {
      for (int index : server.gpuIndices()) {
        if (index < 0 || index >= gpus.size()) {
          throw new IllegalArgumentException(
              server.serverName()
                  + " runs on GPU "
                  + index
                  + ", but only "
                  + gpus.size()
                  + " exist");
        }
      }
      SimulatedEngine engine = new SimulatedEngine(server, epochSeconds.getAsDouble());
      if (engines.put(server.serverName(), engine) != null) {
        throw new IllegalArgumentException("duplicate simulated server " + server.serverName());
      }
      pids.put(engine, FIRST_PID + pids.size());
      TruthHistory history = new TruthHistory(historyPoints);
      history.record(origin, 0, 0, 0);
      truth.put(server.serverName(), history);
    }
  }

  /** A UUID in NVML's format that says it is simulated in its node field. */
  static String simulatedUuid(int index) {
    return String.format("GPU-00000000-0000-4000-8000-5133%08x", index);
  }

  public synchronized List<GpuIdentity> gpus() {
    return gpus.stream().map(SimulatedGpu::identity).toList();
  }

  public synchronized List<EngineModel> servers() {
    return engines.values().stream().map(SimulatedEngine::model).toList();
  }

  /** Every GPU as a driver would show it now. */
  public synchronized List<GpuView> readGpus() {
    advanceToNow();
    List<GpuView> views = new ArrayList<>(gpus.size());
    for (SimulatedGpu gpu : gpus) {
      views.add(
          new GpuView(
              gpu.identity(),
              gpu.power(),
              gpu.lost(),
              gpu.visibleCounterJoules(),
              gpu.watts(),
              gpu.load()));
    }
    return views;
  }

  /** A server's published counters now; null while the server is stopped. */
  public synchronized EngineView readServer(String server) {
    advanceToNow();
    SimulatedEngine engine = engine(server);
    if (!engine.available()) {
      return null;
    }
    return new EngineView(
        engine.model().modelName(),
        engine.model().engineCores(),
        engine.publishedPromptTokens(),
        engine.publishedGeneratedTokens(),
        engine.publishedRequests(),
        engine.runningRequests(),
        0.8 * engine.load(),
        engine.startedAtEpochSeconds());
  }

  /** The process id of a simulated server: one process per server, on all of its GPUs. */
  public synchronized long pid(String server) {
    return pids.get(engine(server));
  }

  /**
   * Per GPU, the SM utilisation (0 to 1) of each server process since the previous call, as {@code
   * nvmlDeviceGetProcessUtilization} would report it; a GPU on which no process was busy is absent.
   * One caller: each call starts the next interval.
   */
  public synchronized Map<GpuIdentity, Map<Long, Double>> readProcessUtilization() {
    advanceToNow();
    Map<GpuIdentity, Map<Long, Double>> byGpu = new LinkedHashMap<>();
    for (SimulatedGpu gpu : gpus) {
      Map<Long, Double> byPid = gpu.drainProcessUtilization();
      if (!byPid.isEmpty()) {
        byGpu.put(gpu.identity(), byPid);
      }
    }
    return byGpu;
  }

  /**
   * What the server really did between two instants of the shared monotonic clock. On a GPU shared
   * with other servers its energy is the GPU's idle power split evenly plus the power above idle in
   * proportion to the watts it drives.
   */
  public synchronized GroundTruth truthBetween(
      String server, double fromSeconds, double toSeconds) {
    advanceToNow();
    engine(server);
    return truth.get(server).between(fromSeconds, toSeconds);
  }

  /** Sets a server's load schedule from now on. */
  public synchronized void setSchedule(String server, LoadSchedule schedule) {
    advanceToNow();
    engine(server).setSchedule(schedule);
  }

  /**
   * From now on the server needs {@code factor} times the energy per token at the same load, as
   * after a regression ({@code factor > 1}) or an optimisation ({@code factor < 1}): its token rate
   * is divided by {@code factor} while its load, running requests and power stay as they are. The
   * factor replaces any earlier one; 1 restores the model's own rate.
   *
   * @throws IllegalArgumentException when {@code factor} is not finite and {@code > 0}, or there is
   *     no such server
   */
  public synchronized void setEfficiency(String server, double factor) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException(
          "an energy-per-token factor must be finite and > 0, got " + factor);
    }
    advanceToNow();
    engine(server).setEnergyPerTokenFactor(factor);
  }

  /** Restarts a server process: its counters start again from zero. */
  public synchronized void restartServer(String server) {
    advanceToNow();
    engine(server).restart(epochSeconds.getAsDouble());
  }

  /** Stops (false) or starts (true) a server; a stopped server does no work. */
  public synchronized void setServerAvailable(String server, boolean available) {
    advanceToNow();
    engine(server).setAvailable(available);
  }

  /** A GPU falls off the bus (true) or comes back (false); its energy keeps flowing meanwhile. */
  public synchronized void setGpuLost(int index, boolean lost) {
    advanceToNow();
    gpus.get(index).setLost(lost);
  }

  /** A driver reload: every GPU's exposed energy counter restarts from zero. */
  public synchronized void reloadDriver() {
    advanceToNow();
    gpus.forEach(SimulatedGpu::reloadDriver);
  }

  public MonotonicClock clock() {
    return clock;
  }

  private SimulatedEngine engine(String server) {
    SimulatedEngine engine = engines.get(server);
    if (engine == null) {
      throw new IllegalArgumentException("no simulated server named " + server);
    }
    return engine;
  }

  private void advanceToNow() {
    long target = (long) Math.floor((clock.nowSeconds() - origin) / STEP_SECONDS);
    while (stepsDone < target) {
      step(stepsDone * STEP_SECONDS);
      stepsDone++;
      double stepEnd = origin + stepsDone * STEP_SECONDS;
      for (Map.Entry<String, SimulatedEngine> entry : engines.entrySet()) {
        SimulatedEngine engine = entry.getValue();
        truth
            .get(entry.getKey())
            .record(
                stepEnd,
                engine.trueEnergyJoules(),
                engine.truePromptTokens(),
                engine.trueGeneratedTokens());
      }
      if (stepsDone % STEPS_PER_COUNTER_UPDATE == 0) {
        gpus.forEach(SimulatedGpu::publishCounter);
      }
    }
  }

  private void step(double secondsSinceStart) {
    double[] gpuLoad = new double[gpus.size()];
    double[] loadDrawingPower = new double[gpus.size()];
    double[] tokenWatts = new double[gpus.size()];
    double[] dynamicWatts = new double[gpus.size()];
    int[] serversOnGpu = new int[gpus.size()];
    Map<SimulatedEngine, double[]> drawnByEngine = new LinkedHashMap<>();
    for (SimulatedEngine engine : engines.values()) {
      double load = engine.updateLoad(secondsSinceStart);
      List<Integer> indices = engine.model().gpuIndices();
      double tokenWattsPerGpu = engine.tokenWatts() / indices.size();
      boolean drawsByLoad = engine.model().tokenEnergy() == null;
      double[] drawn = new double[indices.size()];
      for (int k = 0; k < indices.size(); k++) {
        int index = indices.get(k);
        gpuLoad[index] += load;
        loadDrawingPower[index] += drawsByLoad ? load : 0;
        tokenWatts[index] += tokenWattsPerGpu;
        drawn[k] = drawsByLoad ? gpus.get(index).power().wattsPerLoad() * load : tokenWattsPerGpu;
        dynamicWatts[index] += drawn[k];
        serversOnGpu[index]++;
      }
      drawnByEngine.put(engine, drawn);
    }
    double[] joules = new double[gpus.size()];
    for (int i = 0; i < gpus.size(); i++) {
      gpus.get(i).setLoad(gpuLoad[i], loadDrawingPower[i], tokenWatts[i]);
      joules[i] = gpus.get(i).burn(STEP_SECONDS);
    }
    for (SimulatedEngine engine : engines.values()) {
      List<Integer> indices = engine.model().gpuIndices();
      double[] drawn = drawnByEngine.get(engine);
      for (int k = 0; k < indices.size(); k++) {
        int index = indices.get(k);
        SimulatedGpu gpu = gpus.get(index);
        engine.chargeEnergy(
            trueShare(gpu, joules[index], serversOnGpu[index], drawn[k], dynamicWatts[index]));
        gpu.recordProcessBusy(pids.get(engine), busyRatio(gpu, drawn[k]), STEP_SECONDS);
      }
      engine.work(STEP_SECONDS);
    }
    gpus.forEach(gpu -> gpu.endSample(STEP_SECONDS));
  }

  /**
   * A server's true part of {@code joules} its shared GPU burnt in one step: the idle part split
   * evenly among the {@code servers} on it, the part above idle in proportion to the watts each
   * drives ({@code drawn} of {@code allDrawn}); the same split scales down when the power limit
   * caps the board. Alone on a GPU, a server takes all of it.
   */
  private static double trueShare(
      SimulatedGpu gpu, double joules, int servers, double drawn, double allDrawn) {
    if (servers == 1) {
      return joules;
    }
    double idle = Math.min(joules, gpu.power().idleWatts() * STEP_SECONDS);
    if (!(allDrawn > 0)) {
      return joules / servers;
    }
    return idle / servers + (joules - idle) * drawn / allDrawn;
  }

  /**
   * A server's simulated SM utilisation on a GPU: the watts it drives over the board's watts per
   * unit of load, so that SM busy time tracks the power it causes (a server drawing by load shows
   * its load), capped at 1.
   */
  private static double busyRatio(SimulatedGpu gpu, double drawn) {
    double full = gpu.power().wattsPerLoad();
    return full > 0 ? Math.min(1, drawn / full) : 0;
  }
}
