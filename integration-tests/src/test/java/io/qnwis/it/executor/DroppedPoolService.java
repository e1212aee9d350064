package io.qnwis.it.executor;

import io.qnwis.it.support.Fixtures;
import java.lang.ref.WeakReference;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A service that uses pools, shuts them down and drops them; prints whether the JVM could collect
 * them (the agent holds pools weakly).
 */
public final class DroppedPoolService {

  public static void main(String[] args) throws Exception {
    WeakReference<ThreadPoolExecutor> threads = new WeakReference<>(useThreadPool());
    WeakReference<ForkJoinPool> forkJoin = new WeakReference<>(useForkJoinPool());
    for (int i = 0; i < 100 && (threads.get() != null || forkJoin.get() != null); i++) {
      System.gc();
      Thread.sleep(50);
    }
    System.out.println("thread pool collected=" + (threads.get() == null));
    System.out.println("fork-join pool collected=" + (forkJoin.get() == null));
    Fixtures.readyAndWait();
  }

  private static ThreadPoolExecutor useThreadPool() throws Exception {
    ThreadPoolExecutor pool =
        ExecutorUsingService.pool(
            "exec-dropped", 2, 2, new java.util.concurrent.LinkedBlockingQueue<>());
    for (int i = 0; i < 5; i++) {
      pool.submit(ExecutorUsingService::work).get();
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.SECONDS);
    return pool;
  }

  private static ForkJoinPool useForkJoinPool() throws Exception {
    ForkJoinPool pool = new ForkJoinPool(2);
    for (int i = 0; i < 5; i++) {
      pool.submit(ExecutorUsingService::work).get();
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.SECONDS);
    return pool;
  }
}
