package io.qnwis.bench.jmh;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
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

  static final int BATCH = 64;

  private final Callable<Integer> task = new AnalysisTask();

  @SuppressWarnings("unchecked")
  private final Future<Integer>[] futures = new Future[BATCH];

  private ThreadPoolExecutor pool;

  /**
   * A ThreadPoolExecutor that runs each task in the caller, as a worker would (beforeExecute, run,
   * afterExecute), with no queue and no thread hand-off.
   */
  static final class CallerRunsPool extends ThreadPoolExecutor {
    CallerRunsPool() {
      super(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    }

    @Override
    public void execute(Runnable task) {
      beforeExecute(Thread.currentThread(), task);
      Throwable thrown = null;
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        thrown = e;
        throw e;
      } finally {
        afterExecute(task, thrown);
      }
    }
  }

  private final ThreadPoolExecutor callerRuns = new CallerRunsPool();

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
    callerRuns.shutdownNow();
  }

  /**
   * Submit + get on a pool that runs the task in the caller: what the agent adds per task (the
   * future, the timestamps, the observations) without the thread hand-off, whose scheduling noise
   * on a loaded machine is larger than the agent's share.
   */
  @Benchmark
  public Integer submitAndGetInCaller() throws Exception {
    return callerRuns.submit(task).get();
  }

  /**
   * {@link #submitAndGetInCaller} while a request's span is current, as in a traced service whose
   * request handlers hand work to a pool: the OpenTelemetry agent then carries the span's context
   * to the task, which it skips when no context is current. Without that agent the span is the
   * API's no-op and nothing reads it.
   */
  @Benchmark
  public Integer submitAndGetInCallerInSpan(RequestSpan request) throws Exception {
    return callerRuns.submit(task).get();
  }

  /** A span current on the benchmark thread for the whole trial. */
  @State(Scope.Thread)
  public static class RequestSpan {
    private Span span;
    private io.opentelemetry.context.Scope current;

    @Setup(Level.Trial)
    public void start() {
      span = GlobalOpenTelemetry.getTracer("qnwis-bench").spanBuilder("request").startSpan();
      current = span.makeCurrent();
    }

    @TearDown(Level.Trial)
    public void end() {
      current.close();
      span.end();
    }
  }

  @Benchmark
  public Integer submitAndGet() throws Exception {
    return pool.submit(task).get();
  }

  /**
   * The same per task, with the workers kept busy: a batch is submitted, then every result is
   * awaited. Fewer thread wake-ups per task, so the agent's share is less drowned in scheduling
   * noise on a loaded machine.
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int submitBatchAndGet() throws Exception {
    for (int i = 0; i < BATCH; i++) {
      futures[i] = pool.submit(task);
    }
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += futures[i].get();
    }
    return sum;
  }
}
