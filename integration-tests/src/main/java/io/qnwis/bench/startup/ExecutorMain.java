package io.qnwis.bench.startup;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@link TrivialMain} after running one task on a thread pool. Naming an executor type, it waits at
 * this agent's start gate until the instrumentation is complete, so its figure is the whole
 * start-up cost for a service that uses what the agent instruments from its first line.
 */
public final class ExecutorMain {

  private ExecutorMain() {}

  public static void main(String[] args) throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    pool.submit(() -> {}).get();
    pool.shutdown();
    TrivialMain.main(args);
  }
}
