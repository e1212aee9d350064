package io.qnwis.it.executor;

import io.qnwis.it.support.Fixtures;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * A service that runs three tasks on a new pool from the first line of its {@code main}: it waits
 * at the agent's start gate, and its pool's class is the first to load the JDK's executors.
 */
public final class FirstLineExecutorService {

  public static void main(String[] args) throws Exception {
    ThreadPoolExecutor pool =
        ExecutorUsingService.pool("exec-first-line", 1, 1, new LinkedBlockingQueue<>());
    for (int i = 0; i < 3; i++) {
      pool.submit(ExecutorUsingService::work).get();
    }
    Fixtures.readyAndWait();
  }
}
