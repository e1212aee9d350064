package io.qnwis.bench.jmh;

import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Submit + get of a trivial task on a two-thread ThreadPoolExecutor: the hand-off the service pays
 * per task, and with the agent what the wrapper, queue-wait and run-time observations add. Run with
 * {@code scripts/bench.sh --quick ExecutorBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ExecutorBenchmark {

  static final class AnalysisTask implements Callable<Integer> {
    @Override
    public Integer call() {
      return 42;
    }
  }

  private final Callable<Integer> task = new AnalysisTask();
  private ThreadPoolExecutor pool;

  @Setup
  public void setUp() {
    AtomicInteger count = new AtomicInteger();
    pool =
        new ThreadPoolExecutor(
            2,
            2,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            runnable -> {
              Thread thread = new Thread(runnable, "bench-pool-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  @TearDown
  public void tearDown() {
    pool.shutdownNow();
  }

  @Benchmark
  public Integer submitAndGet() throws Exception {
    return pool.submit(task).get();
  }
}
