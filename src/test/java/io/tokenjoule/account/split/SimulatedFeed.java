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
 * Reads a simulated world once per simulated second as the agent does, each GPU's published energy
 * counter and each server's published token counters, and feeds every server's one-second intervals
 * to a fit of its own. Reads fall 10 ms after each whole second of the world, mid-step, so a read
 * never lands on a step boundary through rounding.
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
    read(false);
  }

  /** Moves on by {@code seconds} whole seconds, feeding each second's intervals. */
  void run(int seconds) {
    for (int i = 0; i < seconds; i++) {
      clock.advance(1);
      read(true);
    }
  }

  PrefillDecodeFit fit(String server) {
    return servers.get(server).fit;
  }

  private void read(boolean feed) {
    List<GpuView> gpus = world.readGpus();
    for (Map.Entry<String, Server> entry : servers.entrySet()) {
      Server server = entry.getValue();
      EngineView view = world.readServer(entry.getKey());
      double energy = 0;
      for (int index : server.model.gpuIndices()) {
        energy += gpus.get(index).counterJoules();
      }
      if (feed) {
        server.fit.add(
            1,
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
