package io.tokenjoule.agent;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.agent.AgentStartException.Reason;
import io.tokenjoule.config.AgentConfig;
import io.tokenjoule.config.DurationSyntax;
import io.tokenjoule.config.ServerConfig;
import io.tokenjoule.energy.EnergyBackends;
import io.tokenjoule.export.NvmlCallTimers;
import io.tokenjoule.source.GpuEnergySource;
import io.tokenjoule.source.GpuIdentity;
import io.tokenjoule.source.nvml.NvmlException;
import io.tokenjoule.source.nvml.NvmlUnavailableException;
import java.io.PrintWriter;

/**
 * {@code tokenjoule agent --check}: what the agent would do with a configuration that loaded and,
 * when NVML loads, whether the configured GPUs and servers fit this host. NVML being absent or
 * failing to initialise is reported but is no error, since the check is about the configuration.
 */
public final class AgentCheck {

  private AgentCheck() {}

  /**
   * Prints the summary to {@code out}.
   *
   * @param configName how the summary names the configuration (its file)
   * @throws AgentStartException when the configured GPUs or servers do not fit this host
   */
  public static void report(AgentConfig config, String configName, PrintWriter out)
      throws AgentStartException {
    out.println("configuration: " + configName + " is valid");
    out.println("  listen:    " + config.listen());
    out.println(
        "  tick:      "
            + DurationSyntax.format(config.tick())
            + ", window "
            + DurationSyntax.format(config.window()));
    out.println("  gpus:      " + config.gpus());
    out.println("  servers:   " + config.servers().size());
    for (ServerConfig server : config.servers()) {
      String model = server.model().map(m -> ", model " + m).orElse("");
      out.println("    " + server.name() + " (" + server.engine() + model + ") " + server.url());
    }
    out.println("  economics: " + economics(config));
    out.println("  carbon:    " + carbon(config));
    out.println("  state_dir: " + config.stateDirectory());
    out.println(
        "  discovery: "
            + (config.discovery().enabled()
                ? "auto, every " + DurationSyntax.format(config.discovery().interval())
                : "off"));
    try {
      checkGpus(config, out);
    } finally {
      out.flush();
    }
  }

  private static String economics(AgentConfig config) {
    if (config.economics().isEmpty()) {
      return "none (no cost, carbon or water figures)";
    }
    return config.carbon().isPresent()
        ? "configured: cost, carbon and water"
        : "configured: cost and water (no carbon: no carbon section)";
  }

  /** Carbon figures are computed with the money figures: alone, only the intensity is exported. */
  private static String carbon(AgentConfig config) {
    if (config.carbon().isEmpty()) {
      return "none";
    }
    return config.economics().isPresent()
        ? "configured"
        : "configured, but only the grid intensity is exported: carbon per token and"
            + " tokenjoule_server_carbon_grams_total need an economics section too (warning)";
  }

  private static void checkGpus(AgentConfig config, PrintWriter out) throws AgentStartException {
    try (GpuEnergySource source =
        EnergyBackends.nvmlGpus(
            config, MonotonicClock.SYSTEM, new NvmlCallTimers(Agent.newRegistry()))) {
      out.println("NVML: driver " + source.driverVersion() + ", would read:");
      for (GpuIdentity gpu : source.gpus()) {
        out.println("  GPU " + gpu.index() + " " + gpu.uuid() + " " + gpu.model());
      }
      AgentPlanner.plan(config, source.gpus());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new AgentStartException(Reason.CONFIG_DOES_NOT_FIT, e.getMessage(), e);
    } catch (PlanException e) {
      throw AgentStartException.doesNotFit(e);
    } catch (NvmlUnavailableException e) {
      out.println("NVML: not available here (" + e.getMessage() + "); GPUs not checked");
    } catch (NvmlException e) {
      out.println("NVML: loaded but not usable here (" + e.getMessage() + "); GPUs not checked");
    }
  }
}
