package io.qnwis.it.executor;

import io.qnwis.it.support.Fixtures;
import io.qnwis.it.support.Retransformer;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * A service whose JDK executor classes a second agent retransforms between two batches of five
 * tasks, as a profiler or another vendor's agent would; prints {@code RETRANSFORMED <classes>}.
 */
public final class RetransformedPoolService {

  public static void main(String[] args) throws Exception {
    ThreadPoolExecutor pool =
        ExecutorUsingService.pool("exec-retransformed", 2, 2, new LinkedBlockingQueue<>());
    runFive(pool);
    try {
      System.out.println(
          "RETRANSFORMED "
              + Retransformer.retransform(
                  type ->
                      type.getClassLoader() == null
                          && type.getName().startsWith("java.util.concurrent.")));
    } catch (Exception | LinkageError e) {
      System.out.println("RETRANSFORM FAILED " + e);
    }
    runFive(pool);
    Fixtures.readyAndWait();
  }

  private static void runFive(ThreadPoolExecutor pool) throws Exception {
    for (int i = 0; i < 5; i++) {
      pool.submit(ExecutorUsingService::work).get();
    }
  }
}
