package io.tokenjoule.account.split;

import io.tokenjoule.ManualClock;
import io.tokenjoule.simulate.EngineModel;
import io.tokenjoule.simulate.EngineView;
import io.tokenjoule.simulate.GpuView;
import io.tokenjoule.simulate.SimulatedWorld;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a simulated world tick by tick as the agent does, each GPU's published energy counter and
 * each server's published token counters, and feeds every server's intervals to a fit of its own.
 * The first read falls 10 ms into the world, mid-step, so whole-second ticks never land on a step
 * boundary through rounding and see energy and tokens of exactly the same steps; ticks of any other
 * length see the energy counter up to 100 ms stale, as the agent does.
 */
final class SimulatedFeed {

  private final SimulatedWorld world;
  private final ManualClock clock;
  private final Map<String, Server> servers = new LinkedHashMap<>();

  /** Starts reading; {@code world} was built on {@code clock}, which has not moved since. */
  SimulatedFeed(SimulatedWorld world, ManualClock clock, FitSettings settings) {
    this.world = world;
    this.clock = clock;
    for (EngineModel model : world.servers()) {
      servers.put(model.serverName(), new Server(model, new PrefillDecodeFit(settings)));
    }
    clock.advance(0.01);
    read(0);
  }

  /** Moves on by {@code seconds} ticks of one second, feeding each tick's intervals. */
  void run(int seconds) {
    for (int i = 0; i < seconds; i++) {
      tick(1);
    }
  }

  /** Moves on by one tick of {@code seconds}, feeding its intervals. */
  void tick(double seconds) {
    clock.advance(seconds);
    read(seconds);
  }

  PrefillDecodeFit fit(String server) {
    return servers.get(server).fit;
  }

  /** Reads every counter; feeds the interval since the last read unless this is the first. */
  private void read(double seconds) {
    List<GpuView> gpus = world.readGpus();
    for (Map.Entry<String, Server> entry : servers.entrySet()) {
      Server server = entry.getValue();
      EngineView view = world.readServer(entry.getKey());
      double energy = 0;
      for (int index : server.model.gpuIndices()) {
        energy += gpus.get(index).counterJoules();
      }
      if (seconds > 0) {
        server.fit.add(
            seconds,
            view.promptTokens() - server.promptTokens,
            view.generatedTokens() - server.generatedTokens,
            energy - server.energyJoules);
      }
      server.energyJoules = energy;
      server.promptTokens = view.promptTokens();
      server.generatedTokens = view.generatedTokens();
    }
  }

  private static final class Server {
    final EngineModel model;
    final PrefillDecodeFit fit;
    double energyJoules;
    long promptTokens;
    long generatedTokens;

    Server(EngineModel model, PrefillDecodeFit fit) {
      this.model = model;
      this.fit = fit;
    }
  }
}
