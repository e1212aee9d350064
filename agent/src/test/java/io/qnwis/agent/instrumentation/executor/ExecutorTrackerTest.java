package io.qnwis.agent.instrumentation.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.qnwis.agent.bootstrap.executor.ExecutorBridge;
import io.qnwis.agent.config.AgentConfig;
import io.qnwis.agent.config.Glob;
import io.qnwis.agent.metrics.AgentMetrics;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tracker in process, without advice: tests submit what the advice would ({@code
 * ExecutorBridge.onExecute(pool, task)}) to real pools and read the registry.
 */
class ExecutorTrackerTest {

  private AgentMetrics agentMetrics;
  private ExecutorTracker tracker;
  private ThreadPoolExecutor pool;

  @BeforeAll
  static void openJavaUtilConcurrent() {
    TaskUnwrapper.open(ByteBuddyAgent.install());
  }

  @BeforeEach
  void setUp() {
    agentMetrics = new AgentMetrics(200, "test");
    ExecutorMetrics metrics = new ExecutorMetrics(agentMetrics);
    PoolRegistry registry = new PoolRegistry(metrics);
    tracker = new ExecutorTracker(metrics, registry, agentMetrics.errors());
    PoolGauges.register(agentMetrics.registry(), registry);
    ExecutorBridge.install(tracker);
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    // A task still finishing reports through the static bridge to whatever tracker is installed:
    // let it end here, not in the next test's registry.
    if (pool != null) {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
    ExecutorBridge.install(null);
  }

  static final class ReportTask implements Callable<String> {
    @Override
    public String call() {
      return "report";
    }
  }

  @Test
  void countsEachRunOnceUnderThePoolsThreadPrefixAndTheSubmittedTaskClass() throws Exception {
    pool = pool("unit-pool", 2, 2);
    for (int i = 0; i < 3; i++) {
      FutureTask<String> future = new FutureTask<>(new ReportTask());
      pool.execute(ExecutorBridge.onExecute(pool, future));
      future.get();
    }
    // future.get() returns before the worker records the run; the task class is recorded last.
    awaitCount("qnwis_agent_latency_seconds", "agent_name", "ReportTask", 3);

    assertThat(count("qnwis_executor_task_seconds", "executor", "unit-pool")).isEqualTo(3);
    assertThat(count("qnwis_executor_queue_wait_seconds", "executor", "unit-pool")).isEqualTo(3);
    assertThat(count("qnwis_agent_latency_seconds", "agent_name", "ReportTask")).isEqualTo(3);
  }

  @Test
  void timesSubmittedFuturesWithoutAWrapperAndCountsEachRunOnce() throws Exception {
    pool = pool("unit-timed", 1, 1);
    RunnableFuture<?> callable =
        (RunnableFuture<?>) ExecutorBridge.newTaskFor(pool, new ReportTask());
    RunnableFuture<?> runnable =
        (RunnableFuture<?>) ExecutorBridge.newTaskFor(pool, new RefreshTask(), null);
    RunnableFuture<?> cancelled =
        (RunnableFuture<?>) ExecutorBridge.newTaskFor(pool, new ReportTask());
    cancelled.cancel(false);

    assertThat(ExecutorBridge.onExecute(pool, callable)).isSameAs(callable);
    runAsAWorker("unit-timed-1", callable, runnable, cancelled);

    assertThat(callable.get()).isEqualTo("report");
    assertThat(count("qnwis_executor_task_seconds", "executor", "unit-timed")).isEqualTo(2);
    assertThat(count("qnwis_executor_queue_wait_seconds", "executor", "unit-timed")).isEqualTo(2);
    assertThat(count("qnwis_agent_latency_seconds", "agent_name", "ReportTask")).isEqualTo(1);
    assertThat(count("qnwis_agent_latency_seconds", "agent_name", "RefreshTask")).isEqualTo(1);
  }

  /**
   * Recorded in nanoseconds, exposed in seconds: a task sleeping 20 ms runs at least that long and
   * the task behind it waits at least that long (the 60 s ceiling only catches a wrong unit).
   */
  @Test
  void exposesQueueWaitAndRunTimeInSecondsForTimedFutures() throws Exception {
    pool = pool("unit-seconds", 1, 1);
    RunnableFuture<?> sleeper =
        (RunnableFuture<?>) ExecutorBridge.newTaskFor(pool, new SleepTask(), null);
    RunnableFuture<?> behind =
        (RunnableFuture<?>) ExecutorBridge.newTaskFor(pool, new ReportTask());
    runAsAWorker("unit-seconds-1", sleeper, behind);

    assertThat(sum("qnwis_executor_task_seconds", "executor", "unit-seconds"))
        .isBetween(0.02, 60.0);
    assertThat(sum("qnwis_agent_latency_seconds", "agent_name", "SleepTask")).isBetween(0.02, 60.0);
    assertThat(sum("qnwis_executor_queue_wait_seconds", "executor", "unit-seconds"))
        .isBetween(0.02, 60.0);
  }

  @Test
  void exposesQueueWaitAndRunTimeInSecondsForWrappedTasks() throws Exception {
    pool = pool("unit-wrapped", 1, 1);
    FutureTask<Object> first = new FutureTask<>(new SleepTask(), null);
    FutureTask<String> second = new FutureTask<>(new ReportTask());
    pool.execute(ExecutorBridge.onExecute(pool, first));
    pool.execute(ExecutorBridge.onExecute(pool, second));
    second.get();
    awaitCount("qnwis_executor_task_seconds", "executor", "unit-wrapped", 2);

    assertThat(sum("qnwis_executor_task_seconds", "executor", "unit-wrapped"))
        .isBetween(0.02, 60.0);
    assertThat(sum("qnwis_executor_queue_wait_seconds", "executor", "unit-wrapped"))
        .isBetween(0.02, 60.0);
  }

  static final class SleepTask implements Runnable {
    @Override
    public void run() {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void leavesTheFuturesOfScheduledAndSelfInspectingPoolsToTheJdk() {
    ScheduledThreadPoolExecutor scheduled = new ScheduledThreadPoolExecutor(1);
    ThreadPoolExecutor inspecting =
        new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
          @Override
          protected void afterExecute(Runnable task, Throwable error) {}
        };
    try {
      assertThat(ExecutorBridge.newTaskFor(scheduled, new ReportTask())).isNull();
      assertThat(ExecutorBridge.newTaskFor(inspecting, new ReportTask())).isNull();
    } finally {
      scheduled.shutdownNow();
      inspecting.shutdownNow();
    }
  }

  /** What a worker of the pool does with each task, advice included. */
  private void runAsAWorker(String threadName, RunnableFuture<?>... tasks) throws Exception {
    Thread worker =
        new Thread(
            () -> {
              for (RunnableFuture<?> task : tasks) {
                ExecutorBridge.beforeExecute(pool, task);
                task.run();
                ExecutorBridge.afterExecute(task);
              }
            },
            threadName);
    worker.start();
    worker.join();
  }

  static final class RefreshTask implements Runnable {
    @Override
    public void run() {}
  }

  @Test
  void neverWrapsATaskTwice() {
    pool = pool("unit-pool", 1, 1);
    Runnable once = ExecutorBridge.onExecute(pool, () -> {});

    assertThat(ExecutorBridge.onExecute(pool, once)).isSameAs(once);
  }

  @Test
  void countsRejectionsBeforeThePoolIsNamedOnceItIs() throws Exception {
    pool = pool("unit-rejecting", 1, 1);
    ExecutorBridge.onReject(pool, () -> {});
    assertThat(counter("qnwis_executor_rejected", "unit-rejecting")).isZero();

    runOne(pool);

    assertThat(counter("qnwis_executor_rejected", "unit-rejecting")).isEqualTo(1);
  }

  @Test
  void recordsNothingForTheAgentsOwnPools() throws Exception {
    pool = pool("qnwis-perf-http", 1, 1);
    runOne(pool);

    assertThat(agentMetrics.registry().scrape().toString()).doesNotContain("qnwis-perf");
  }

  @Test
  void capsAPoolWhenTheConfigChangesAndGivesItsSizesBackWhenTheCapIsLifted() throws Exception {
    pool = pool("unit-capped", 6, 10);
    runOne(pool);

    tracker.configure(withPools(new AgentConfig.PoolRule("capped", Glob.compile("unit-*"), 3)));
    assertThat(pool.getMaximumPoolSize()).isEqualTo(3);
    assertThat(pool.getCorePoolSize()).isEqualTo(3);
    assertThat(ExecutorBridge.boundSize(pool, 12, true)).isEqualTo(3);

    tracker.configure(withPools());
    assertThat(pool.getMaximumPoolSize()).isEqualTo(12);
    assertThat(pool.getCorePoolSize()).isEqualTo(6);
    assertThat(counter("qnwis_executor_bounds_applied", "capped")).isEqualTo(2);
  }

  @Test
  void readsGaugesOfLivePoolsAtScrapeTime() throws Exception {
    pool = pool("unit-gauged", 1, 4);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    pool.execute(
        ExecutorBridge.onExecute(
            pool,
            () -> {
              started.countDown();
              await(release);
            }));
    started.await();
    pool.execute(ExecutorBridge.onExecute(pool, () -> {}));

    double queued = gauge("qnwis_executor_queue_depth", "unit-gauged", null);
    double active = gauge("qnwis_executor_threads", "unit-gauged", "active");
    double max = gauge("qnwis_executor_threads", "unit-gauged", "max");
    release.countDown();

    assertThat(queued).isEqualTo(1);
    assertThat(active).isEqualTo(1);
    assertThat(max).isEqualTo(4);
  }

  private static AgentConfig withPools(AgentConfig.PoolRule... rules) {
    AgentConfig defaults = AgentConfig.defaults();
    return new AgentConfig(
        defaults.metrics(),
        defaults.jdbc(),
        defaults.redis(),
        new AgentConfig.ExecutorConfig(true, List.of(rules)),
        defaults.reloadInterval());
  }

  private void runOne(ThreadPoolExecutor target) throws Exception {
    FutureTask<String> future = new FutureTask<>(new ReportTask());
    target.execute(ExecutorBridge.onExecute(target, future));
    future.get();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitCount(String name, String label, String value, long expected)
      throws InterruptedException {
    for (int i = 0; i < 200 && count(name, label, value) < expected; i++) {
      Thread.sleep(10);
    }
  }

  private long count(String name, String label, String value) {
    DataPointSnapshot point = point(name, label, value);
    return point == null ? 0 : ((HistogramSnapshot.HistogramDataPointSnapshot) point).getCount();
  }

  private double sum(String name, String label, String value) {
    DataPointSnapshot point = point(name, label, value);
    return point == null ? 0 : ((HistogramSnapshot.HistogramDataPointSnapshot) point).getSum();
  }

  private double counter(String name, String executor) {
    DataPointSnapshot point = point(name, "executor", executor);
    return point == null ? 0 : ((CounterSnapshot.CounterDataPointSnapshot) point).getValue();
  }

  private double gauge(String name, String executor, String state) {
    for (MetricSnapshot snapshot : agentMetrics.registry().scrape()) {
      if (!snapshot.getMetadata().getPrometheusName().equals(name)) {
        continue;
      }
      for (DataPointSnapshot point : snapshot.getDataPoints()) {
        if (executor.equals(point.getLabels().get("executor"))
            && (state == null || state.equals(point.getLabels().get("state")))) {
          return ((io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot)
                  point)
              .getValue();
        }
      }
    }
    return -1;
  }

  private DataPointSnapshot point(String name, String label, String value) {
    for (MetricSnapshot snapshot : agentMetrics.registry().scrape()) {
      if (!snapshot.getMetadata().getPrometheusName().equals(name)) {
        continue;
      }
      for (DataPointSnapshot point : snapshot.getDataPoints()) {
        if (value.equals(point.getLabels().get(label))) {
          return point;
        }
      }
    }
    return null;
  }

  static ThreadPoolExecutor pool(String prefix, int core, int max) {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory =
        runnable -> {
          Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    return new ThreadPoolExecutor(
        core, max, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
  }
}
