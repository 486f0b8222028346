package io.tokenjoule.agent;

import io.micrometer.core.instrument.MeterRegistry;
import io.tokenjoule.config.AgentConfig;
import io.tokenjoule.source.GpuIdentity;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * Something the agent runs beside itself for its whole life, across reloads, that may add servers
 * read in process to every plan (the metering proxy). Started once before the first plan, closed
 * after the agent.
 */
public interface AgentExtension extends AutoCloseable {

  /** None: plans are left as they are. */
  AgentExtension NONE =
      new AgentExtension() {
        @Override
        public AgentPlan join(AgentPlan plan, List<GpuIdentity> gpusPresent) {
          return plan;
        }

        @Override
        public void checkUnchanged(AgentConfig next) {}

        @Override
        public void close() {}
      };

  /** Starts an extension for the configuration the agent starts with. */
  @FunctionalInterface
  interface Starter {
    /**
     * @throws ListenException when it cannot listen
     */
    AgentExtension start(AgentConfig config, Vertx vertx, MeterRegistry registry);
  }

  /**
   * The plan with this extension's servers joined.
   *
   * @throws PlanException when they do not fit this host
   */
  AgentPlan join(AgentPlan plan, List<GpuIdentity> gpusPresent) throws PlanException;

  /**
   * Refuses a reloaded configuration that changes what the extension read at start.
   *
   * @throws IllegalStateException saying what and why
   */
  void checkUnchanged(AgentConfig next);

  @Override
  void close();
}
