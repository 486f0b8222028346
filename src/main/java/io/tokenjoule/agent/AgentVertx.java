package io.tokenjoule.agent;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * The Vert.x instance a long-running agent process uses. Vert.x sizes its pools for a busy server
 * (two event loops per core, 20 worker threads); the agent makes one scrape per server and answers
 * a few requests per tick, and inference hosts have many cores, so fixed small pools keep its
 * threads and their stacks from growing with the host.
 */
public final class AgentVertx {

  static final int EVENT_LOOPS = 2;
  static final int WORKERS = 4;

  private AgentVertx() {}

  public static Vertx create() {
    return Vertx.vertx(
        new VertxOptions()
            .setEventLoopPoolSize(EVENT_LOOPS)
            .setWorkerPoolSize(WORKERS)
            .setInternalBlockingPoolSize(WORKERS));
  }
}
