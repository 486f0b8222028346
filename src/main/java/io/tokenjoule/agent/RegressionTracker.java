package io.tokenjoule.agent;

import io.tokenjoule.account.AccountingSnapshot;
import io.tokenjoule.account.ServerAccount;
import io.tokenjoule.account.baseline.BaselineState;
import io.tokenjoule.account.baseline.RegressionView;
import io.tokenjoule.account.baseline.ServerBaseline;
import io.tokenjoule.state.BaselineStore;
import io.tokenjoule.state.LoadedBaselines;
import io.tokenjoule.state.StateDirectoryLock;
import io.tokenjoule.state.StoredBaselines;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each server's load-aware baseline: fed every tick with its window, persisted to the state
 * directory every {@link #SAVE_EVERY} and on close. A state directory that cannot be used (missing
 * permission, locked by another agent) or a state file that cannot be read is logged, and the agent
 * goes on with baselines in memory: nothing here stops measuring. Called from the tick thread;
 * {@link #close} after the tick loop stopped.
 */
final class RegressionTracker implements AutoCloseable {

  static final Duration SAVE_EVERY = Duration.ofMinutes(5);

  private static final Logger LOG = LoggerFactory.getLogger(RegressionTracker.class);

  private final BaselinePlan plan;
  private final Clock wallClock;
  private final Map<String, ServerBaseline> baselines = new LinkedHashMap<>();
  private final Map<String, BaselineState> unconfigured = new HashMap<>();
  private BaselineStore store;
  private StateDirectoryLock lock;
  private double lastSaveEpochSeconds;

  RegressionTracker(BaselinePlan plan, List<String> servers, Clock wallClock) {
    this.plan = plan;
    this.wallClock = wallClock;
    this.lastSaveEpochSeconds = epochSeconds();
    Map<String, BaselineState> loaded = plan.stateDirectory().map(this::openStore).orElse(Map.of());
    for (String server : servers) {
      BaselineState state = loaded.get(server);
      baselines.put(
          server,
          state == null
              ? new ServerBaseline(plan.settings())
              : ServerBaseline.restore(plan.settings(), state));
    }
    loaded.forEach(
        (server, state) -> {
          if (!baselines.containsKey(server)) {
            unconfigured.put(server, state); // kept, so a server removed for a while loses nothing
          }
        });
  }

  private Map<String, BaselineState> openStore(Path directory) {
    try {
      Optional<StateDirectoryLock> acquired = StateDirectoryLock.tryAcquire(directory);
      if (acquired.isEmpty()) {
        LOG.warn(
            "state directory {} is locked by another tokenjoule process; baselines are kept in"
                + " memory only",
            directory);
        return Map.of();
      }
      lock = acquired.get();
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "cannot use state directory {} ({}); baselines are kept in memory only and will not"
              + " survive a restart",
          directory,
          e.toString());
      return Map.of();
    }
    store = new BaselineStore(directory);
    LoadedBaselines loaded = store.load();
    loaded
        .stored()
        .ifPresent(
            s ->
                LOG.info(
                    "loaded baselines of {} server(s) from {}", s.servers().size(), store.file()));
    return loaded.servers();
  }

  /** This tick's regression view per server, in the snapshot's order. */
  List<RegressionView> track(AccountingSnapshot snapshot) {
    double now = epochSeconds();
    List<RegressionView> views = new ArrayList<>(snapshot.servers().size());
    for (ServerAccount server : snapshot.servers()) {
      ServerBaseline baseline = baselines.get(server.name());
      baseline.observe(now, server.window());
      views.add(baseline.view(now, server.window()));
    }
    if (now - lastSaveEpochSeconds >= SAVE_EVERY.toSeconds()) {
      save(now);
    }
    return views;
  }

  private void save(double now) {
    lastSaveEpochSeconds = now;
    if (store == null) {
      return;
    }
    Map<String, BaselineState> states = new HashMap<>(unconfigured);
    baselines.forEach((server, baseline) -> states.put(server, baseline.state()));
    try {
      store.save(new StoredBaselines(now, plan.settings(), states));
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot save baselines to {}: {}", store.file(), e.toString());
    }
  }

  private double epochSeconds() {
    return wallClock.millis() / 1000.0;
  }

  @Override
  public void close() {
    save(epochSeconds());
    if (lock != null) {
      try {
        lock.close();
      } catch (IOException e) {
        LOG.warn("cannot release the state directory lock: {}", e.toString());
      }
    }
  }
}
