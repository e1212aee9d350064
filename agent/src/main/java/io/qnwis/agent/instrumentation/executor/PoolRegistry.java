package io.qnwis.agent.instrumentation.executor;

import io.qnwis.agent.AgentThreads;
import io.qnwis.agent.config.AgentConfig.PoolRule;
import io.qnwis.agent.policy.executor.PoolBounds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The pools the agent has seen, held weakly (a pool the service drops is not kept alive), with
 * their names and caps. Touched when a worker thread runs its first task of a pool, on rejections,
 * on size changes, on config changes and at scrape time; never per task.
 */
final class PoolRegistry {

  /** A bound on pools tracked at once; beyond it pools are measured but get no gauges or caps. */
  static final int MAX_POOLS = 1024;

  /** One pool and its entry, as seen at one moment (for gauges and config changes). */
  record Pool(Executor pool, PoolEntry entry) {}

  private final Map<Executor, PoolEntry> pools = new WeakHashMap<>();
  private final ExecutorMetrics metrics;
  private volatile List<PoolRule> rules = List.of();

  PoolRegistry(ExecutorMetrics metrics) {
    this.metrics = metrics;
  }

  /** The pool's entry, created if new; named from {@code runner} if not named yet. */
  PoolEntry entry(Executor pool, Thread runner) {
    synchronized (pools) {
      PoolEntry entry = pools.get(pool);
      if (entry == null) {
        entry = new PoolEntry();
        if (pool instanceof ThreadPoolExecutor) {
          ThreadPoolExecutor threads = (ThreadPoolExecutor) pool;
          entry.requestedCore = threads.getCorePoolSize();
          entry.requestedMax = threads.getMaximumPoolSize();
        }
        if (pools.size() < MAX_POOLS) {
          pools.put(pool, entry);
        }
      }
      if (entry.threadName == null && runner != null) {
        entry.threadName = nameSource(pool, runner);
        resolve(entry);
      }
      return entry;
    }
  }

  /** The pool's entry if it has one (no naming, no creation). */
  PoolEntry existing(Executor pool) {
    synchronized (pools) {
      return pools.get(pool);
    }
  }

  /** Counts a rejection now, or once the pool is named; returns the series to count in. */
  ExecutorMetrics.Series rejected(Executor pool) {
    synchronized (pools) {
      PoolEntry entry = entry(pool, null);
      if (entry.threadName == null) {
        entry.pendingRejected++;
      }
      return entry.series;
    }
  }

  /** Records a size the service sets and returns the cap in force for the pool. */
  int requested(Executor pool, int size, boolean maximum) {
    synchronized (pools) {
      PoolEntry entry = pools.get(pool);
      if (entry == null) {
        return PoolBounds.NONE;
      }
      if (maximum) {
        entry.requestedMax = size;
      } else {
        entry.requestedCore = size;
      }
      return entry.cap;
    }
  }

  /** The sizes the entry's pool should have under its cap; null if its sizes are unknown. */
  PoolBounds.Sizes sizes(PoolEntry entry) {
    synchronized (pools) {
      if (entry.requestedCore < 0) {
        return null;
      }
      return PoolBounds.bounded(entry.requestedCore, entry.requestedMax, entry.cap);
    }
  }

  /** New {@code executor.pools} rules: every named pool is renamed and re-capped. */
  List<Pool> reconfigure(List<PoolRule> next) {
    synchronized (pools) {
      rules = next;
      List<Pool> named = new ArrayList<>();
      for (Map.Entry<Executor, PoolEntry> each : pools.entrySet()) {
        if (each.getValue().threadName != null) {
          resolve(each.getValue());
          named.add(new Pool(each.getKey(), each.getValue()));
        }
      }
      return named;
    }
  }

  /** Every named pool of the service (for gauges). */
  List<Pool> snapshot() {
    synchronized (pools) {
      List<Pool> named = new ArrayList<>(pools.size());
      for (Map.Entry<Executor, PoolEntry> each : pools.entrySet()) {
        if (each.getValue().series != null) {
          named.add(new Pool(each.getKey(), each.getValue()));
        }
      }
      return named;
    }
  }

  private void resolve(PoolEntry entry) {
    String thread = entry.threadName;
    if (thread.startsWith(AgentThreads.PREFIX)) {
      entry.series = null;
      entry.cap = PoolBounds.NONE;
      return;
    }
    PoolRule rule = ExecutorNames.ruleFor(thread, rules);
    entry.cap = rule != null && rule.maxPoolSize() != null ? rule.maxPoolSize() : PoolBounds.NONE;
    ExecutorMetrics.Series series = metrics.executor(ExecutorNames.of(thread, rules));
    entry.series = series;
    if (entry.pendingRejected > 0) {
      series.rejected().inc(entry.pendingRejected);
      entry.pendingRejected = 0;
    }
  }

  /** Where the agent's bundled libraries live once relocated (see agent/pom.xml). */
  private static final String SHADED_PACKAGE = "io.qnwis.agent.shaded.";

  /**
   * The thread whose name names the pool. A ForkJoinPool task may be run by a thread that only
   * helps (the common pool lets external joiners run tasks): then the pool's own thread names are
   * used when they are known without a worker, else the runner's.
   */
  static String nameSource(Executor pool, Thread runner) {
    if (pool instanceof ThreadPoolExecutor) {
      // The agent's own pools, including those of its bundled libraries (the Prometheus
      // client's scheduler names its threads without the agent's prefix).
      return isAgentCode(((ThreadPoolExecutor) pool).getThreadFactory().getClass())
          ? AgentThreads.PREFIX + "internal"
          : runner.getName();
    }
    // Only now: the first instanceof ForkJoinPool loads that class, which the agent then weaves
    // (some 30 ms at start-up), in a service that may never use it.
    if (pool instanceof ForkJoinPool) {
      boolean worker =
          runner instanceof ForkJoinWorkerThread
              && ((ForkJoinWorkerThread) runner).getPool() == pool;
      if (!worker && pool == ForkJoinPool.commonPool()) {
        return "ForkJoinPool.commonPool-worker-1";
      }
    }
    return runner.getName();
  }

  private static boolean isAgentCode(Class<?> type) {
    String name = type.getName();
    return name.startsWith(AgentThreads.class.getName()) || name.startsWith(SHADED_PACKAGE);
  }
}
