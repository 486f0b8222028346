package io.tokenjoule.cli;

import io.tokenjoule.account.baseline.BaselineState;
import io.tokenjoule.config.AgentConfig;
import io.tokenjoule.state.BaselineReport;
import io.tokenjoule.state.BaselineStore;
import io.tokenjoule.state.LoadedBaselines;
import io.tokenjoule.state.StateDirectoryLock;
import io.tokenjoule.state.StateFileException;
import io.tokenjoule.state.StoredBaselines;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
    description = {
      "Shows or resets the load-aware J/token baselines kept in the state directory.",
      "Exit codes: those of show and reset; 2 without one of them."
    },
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
        "Exit codes: 0 shown (also when nothing is saved), 1 no such state directory or state"
            + " file unreadable."
      })
  static final class Show implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
        names = "--state-dir",
        paramLabel = "DIR",
        defaultValue = AgentConfig.DEFAULT_STATE_DIR,
        description = "The agent's state directory (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Override
    public Integer call() throws IOException {
      if (!Files.isDirectory(stateDir)) {
        return fail(
            spec,
            "show",
            "no state directory "
                + stateDir
                + (Files.exists(stateDir) ? " (not a directory)" : " (it does not exist)")
                + "; give --state-dir, the agent's state_dir");
      }
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
        out.println(BaselineReport.toJson(store.file(), stored, now));
      } else if (stored.isEmpty()) {
        out.println("no baselines saved: " + store.file() + " does not exist");
      } else {
        BaselineReport.printHuman(out, store.file(), stored.get(), now);
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
        "Forgets the baselines of every server, or of one, so they are learned again. Stop the"
            + " agent first: it keeps its baselines in memory and holds the state directory.",
        "Exit codes: 0 reset (or nothing to reset), 1 agent running, state file unreadable or no"
            + " such server."
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
        defaultValue = AgentConfig.DEFAULT_STATE_DIR,
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
}
