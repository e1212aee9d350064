package io.qnwis.sample.analysis;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool the complex scenario's analysis tasks run on: 8 threads named {@code
 * qnwis-agent-N} (QNWIS calls its analyses "agents"), a bounded queue, and the caller running a
 * task itself when the queue is full, so overload slows requests down instead of failing them.
 */
public final class AnalysisPool {

  public static final int THREADS = 8;
  private static final int QUEUE = 256;

  private AnalysisPool() {}

  public static ThreadPoolExecutor create() {
    AtomicInteger next = new AtomicInteger();
    ThreadFactory threads =
        task -> {
          Thread thread = new Thread(task, "qnwis-agent-" + next.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    return new ThreadPoolExecutor(
        THREADS,
        THREADS,
        60,
        TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(QUEUE),
        threads,
        new ThreadPoolExecutor.CallerRunsPolicy());
  }
}
