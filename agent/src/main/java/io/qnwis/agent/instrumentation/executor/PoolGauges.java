package io.qnwis.agent.instrumentation.executor;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.qnwis.agent.metrics.MetricNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * {@code qnwis_executor_threads{executor,state}} and {@code qnwis_executor_queue_depth{executor}},
 * read from the live pools at scrape time. Pools sharing a name (several default {@code pool-N}
 * pools) are summed into one series.
 */
final class PoolGauges {

  private static final int ACTIVE = 0;
  private static final int POOL = 1;
  private static final int MAX = 2;
  private static final int QUEUED = 3;

  private PoolGauges() {}

  static void register(PrometheusRegistry prometheus, PoolRegistry pools) {
    GaugeWithCallback.builder()
        .name(MetricNames.EXECUTOR_THREADS)
        .help("Threads of executors by state: active (running a task), pool (alive), max (bound)")
        .labelNames("executor", "state")
        .callback(
            callback ->
                read(pools.snapshot())
                    .forEach(
                        (name, values) -> {
                          callback.call(values[ACTIVE], name, "active");
                          callback.call(values[POOL], name, "pool");
                          callback.call(values[MAX], name, "max");
                        }))
        .register(prometheus);
    GaugeWithCallback.builder()
        .name(MetricNames.EXECUTOR_QUEUE_DEPTH)
        .help("Tasks waiting in executors' queues")
        .labelNames("executor")
        .callback(
            callback ->
                read(pools.snapshot())
                    .forEach((name, values) -> callback.call(values[QUEUED], name)))
        .register(prometheus);
  }

  /** Per executor label: active, pool, max, queued, summed over the pools with that label. */
  static Map<String, long[]> read(List<PoolRegistry.Pool> pools) {
    Map<String, long[]> byName = new LinkedHashMap<>();
    for (PoolRegistry.Pool each : pools) {
      ExecutorMetrics.Series series = each.entry().series;
      if (series == null) {
        continue;
      }
      long[] values = byName.computeIfAbsent(series.label(), name -> new long[4]);
      add(values, each.pool());
    }
    return byName;
  }

  private static void add(long[] values, Executor pool) {
    if (pool instanceof ThreadPoolExecutor) {
      ThreadPoolExecutor threads = (ThreadPoolExecutor) pool;
      values[ACTIVE] += threads.getActiveCount();
      values[POOL] += threads.getPoolSize();
      values[MAX] += threads.getMaximumPoolSize();
      values[QUEUED] += threads.getQueue().size();
    } else if (pool instanceof ForkJoinPool) {
      ForkJoinPool forkJoin = (ForkJoinPool) pool;
      values[ACTIVE] += forkJoin.getActiveThreadCount();
      values[POOL] += forkJoin.getPoolSize();
      values[MAX] += forkJoin.getParallelism();
      values[QUEUED] += forkJoin.getQueuedSubmissionCount() + forkJoin.getQueuedTaskCount();
    }
  }
}
