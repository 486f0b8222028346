package io.tokenjoule.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenjoule.account.baseline.BaselineSettings;
import io.tokenjoule.account.baseline.BaselineState;
import io.tokenjoule.account.baseline.BucketBaseline;
import io.tokenjoule.account.baseline.ServerBaseline;
import io.tokenjoule.config.DurationSyntax;
import io.tokenjoule.state.BaselineStore;
import io.tokenjoule.state.LoadedBaselines;
import io.tokenjoule.state.StateDirectoryLock;
import io.tokenjoule.state.StateFileException;
import io.tokenjoule.state.StoredBaselines;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tokenjoule baseline show|reset}: the load-aware J/token baselines the agent has learned
 * and persisted in its state directory.
 */
@Command(
    name = "baseline",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Shows or resets the load-aware J/token baselines kept in the state directory.",
    subcommands = {BaselineCommand.Show.class, BaselineCommand.Reset.class})
final class BaselineCommand implements Runnable {

  /** The state file cannot be read, the agent holds the directory, or no such server. */
  static final int EXIT_FAILED = 1;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing command: use show or reset (see --help)");
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = {
        "Prints, per server and load bucket (mean concurrent requests), the baseline J per"
            + " generated token, its reference concurrency, its slots and their time span.",
        "Exit codes: 0 shown (also when nothing is saved), 1 state file unreadable."
      })
  static final class Show implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
        names = "--state-dir",
        paramLabel = "DIR",
        defaultValue = BaselineStore.DEFAULT_STATE_DIR,
        description = "The agent's state directory (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Override
    public Integer call() throws IOException {
      BaselineStore store = new BaselineStore(stateDir);
      Optional<StoredBaselines> stored;
      try {
        stored = store.read();
      } catch (StateFileException e) {
        return fail(spec, "show", e.getMessage());
      }
      double now = System.currentTimeMillis() / 1000.0;
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(toJson(store.file(), stored, now));
      } else if (stored.isEmpty()) {
        out.println("no baselines saved: " + store.file() + " does not exist");
      } else {
        printHuman(out, store.file(), stored.get(), now);
      }
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "reset",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = {
        "Forgets the baselines of every server, or of one, so they are learned again.",
        "Stop the agent first: it keeps its baselines in memory and holds the state directory.",
        "Exit codes: 0 reset (or nothing to reset), 1 agent running, state file unreadable or"
            + " no such server."
      })
  static final class Reset implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
        names = "--server",
        paramLabel = "NAME",
        description = "Only this server's baselines (default: all).")
    String server;

    @Option(
        names = "--state-dir",
        paramLabel = "DIR",
        defaultValue = BaselineStore.DEFAULT_STATE_DIR,
        description = "The agent's state directory (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      BaselineStore store = new BaselineStore(stateDir);
      if (!Files.isDirectory(stateDir)) {
        return server == null
            ? done(out, "nothing to reset: " + stateDir + " does not exist")
            : fail(spec, "reset", "no baseline for server " + server + ": no " + store.file());
      }
      Optional<StateDirectoryLock> lock = StateDirectoryLock.tryAcquire(stateDir);
      if (lock.isEmpty()) {
        return fail(
            spec,
            "reset",
            "another process holds "
                + stateDir.resolve(StateDirectoryLock.FILE_NAME)
                + ": stop the agent first, or it writes its baselines back");
      }
      try (StateDirectoryLock held = lock.get()) {
        return reset(out, store);
      }
    }

    private int reset(PrintWriter out, BaselineStore store) throws IOException {
      Optional<StoredBaselines> stored;
      try {
        stored = store.read();
      } catch (StateFileException e) {
        if (server != null) {
          return fail(spec, "reset", e.getMessage());
        }
        LoadedBaselines loaded = store.load();
        return done(out, loaded.setAside().orElseThrow().describe());
      }
      if (stored.isEmpty()) {
        return server == null
            ? done(out, "nothing to reset: " + store.file() + " does not exist")
            : fail(spec, "reset", "no baseline for server " + server + ": no " + store.file());
      }
      Map<String, BaselineState> servers = new TreeMap<>(stored.get().servers());
      String what;
      if (server == null) {
        what = "reset the baselines of " + servers.size() + " server(s) " + servers.keySet();
        servers.clear();
      } else if (servers.remove(server) == null) {
        return fail(
            spec,
            "reset",
            "no baseline for server "
                + server
                + " in "
                + store.file()
                + "; servers: "
                + servers.keySet());
      } else {
        what = "reset the baselines of server " + server;
      }
      store.save(
          new StoredBaselines(
              System.currentTimeMillis() / 1000.0, stored.get().settings(), servers));
      return done(out, what + " in " + store.file());
    }
  }

  private static int done(PrintWriter out, String message) {
    out.println(message);
    out.flush();
    return 0;
  }

  private static int fail(CommandSpec spec, String command, String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("tokenjoule baseline " + command + ": " + message);
    err.flush();
    return EXIT_FAILED;
  }

  private static void printHuman(PrintWriter out, Path file, StoredBaselines stored, double now) {
    BaselineSettings settings = stored.settings();
    out.println("baselines in " + file + ", saved " + instant(stored.savedAtEpochSeconds()));
    out.println(
        "learned over "
            + duration(settings.horizonSeconds())
            + " in "
            + duration(settings.slotSeconds())
            + " slots; a load bucket needs "
            + settings.minSlots()
            + " slot(s)");
    if (stored.servers().isEmpty()) {
      out.println("no servers");
    }
    for (Map.Entry<String, BaselineState> entry : stored.servers().entrySet()) {
      List<BucketBaseline> buckets =
          ServerBaseline.restore(settings, entry.getValue()).buckets(now);
      out.println();
      out.println("server " + entry.getKey());
      if (buckets.isEmpty()) {
        out.println("  nothing learned within the horizon");
        continue;
      }
      out.printf(
          Locale.ROOT,
          "  %-10s %-12s %-16s %5s  %-20s  %s%n",
          "load",
          "J/token",
          "ref_concurrency",
          "slots",
          "oldest",
          "newest");
      for (BucketBaseline bucket : buckets) {
        out.printf(
            Locale.ROOT,
            "  %-10s %-12s %-16s %5d  %-20s  %s%n",
            bucket.bucket().label(),
            bucket.learned()
                ? String.format(Locale.ROOT, "%.4g", bucket.joulesPerGeneratedToken())
                : "learning",
            bucket.learned()
                ? String.format(Locale.ROOT, "%.2f", bucket.referenceConcurrency())
                : "-",
            bucket.slots(),
            instant(bucket.oldestSampleEpochSeconds()),
            instant(bucket.newestSampleEpochSeconds()));
      }
    }
  }

  static String toJson(Path file, Optional<StoredBaselines> stored, double now) throws IOException {
    ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("file", file.toString());
    ArrayNode servers = mapper.createArrayNode();
    if (stored.isPresent()) {
      BaselineSettings settings = stored.get().settings();
      root.put("saved_at", instant(stored.get().savedAtEpochSeconds()));
      ObjectNode settingsNode = root.putObject("settings");
      settingsNode.put("slot_seconds", settings.slotSeconds());
      settingsNode.put("horizon_seconds", settings.horizonSeconds());
      settingsNode.put("min_slots", settings.minSlots());
      for (Map.Entry<String, BaselineState> entry : stored.get().servers().entrySet()) {
        ObjectNode serverNode = servers.addObject();
        serverNode.put("server", entry.getKey());
        ArrayNode buckets = serverNode.putArray("buckets");
        for (BucketBaseline bucket :
            ServerBaseline.restore(settings, entry.getValue()).buckets(now)) {
          ObjectNode node = buckets.addObject();
          node.put("bucket", bucket.bucket().label());
          node.put("learned", bucket.learned());
          putNumberOrNull(
              node, "baseline_joules_per_generated_token", bucket.joulesPerGeneratedToken());
          putNumberOrNull(node, "reference_concurrency", bucket.referenceConcurrency());
          node.put("slots", bucket.slots());
          node.put("oldest", instant(bucket.oldestSampleEpochSeconds()));
          node.put("newest", instant(bucket.newestSampleEpochSeconds()));
        }
      }
    } else {
      root.putNull("saved_at");
    }
    root.set("servers", servers);
    return mapper.writeValueAsString(root);
  }

  private static void putNumberOrNull(ObjectNode node, String field, double value) {
    if (Double.isNaN(value)) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }

  /** ISO-8601 UTC, to the second. */
  static String instant(double epochSeconds) {
    return Instant.ofEpochMilli(Math.round(epochSeconds * 1000))
        .truncatedTo(ChronoUnit.SECONDS)
        .toString();
  }

  private static String duration(double seconds) {
    return DurationSyntax.format(Duration.ofMillis(Math.round(seconds * 1000)));
  }
}
