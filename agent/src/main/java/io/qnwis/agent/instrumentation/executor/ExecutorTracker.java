package io.qnwis.agent.instrumentation.executor;

import io.qnwis.agent.bootstrap.executor.ExecutorHook;
import io.qnwis.agent.bootstrap.executor.TimedFutureTask;
import io.qnwis.agent.bootstrap.executor.TrackedCallable;
import io.qnwis.agent.bootstrap.executor.TrackedRunnable;
import io.qnwis.agent.config.AgentConfig;
import io.qnwis.agent.metrics.AgentErrors;
import io.qnwis.agent.metrics.NanosHistogram;
import io.qnwis.agent.policy.executor.PoolBounds;
import java.lang.ref.WeakReference;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The agent's side of the executor bridge: times submitted tasks, records their runs, counts
 * rejections and applies pool bounds. A ThreadPoolExecutor's submitted futures carry their
 * submission time themselves ({@link TimedFutureTask}) and allocate nothing more; other tasks get a
 * wrapper. The pool's entry is found through a per-thread cache (a worker thread runs tasks of one
 * pool).
 */
final class ExecutorTracker implements ExecutorHook {

  /**
   * Per thread: the pool whose tasks it ran last, held weakly, and its entry; the timed run in
   * progress between beforeExecute and afterExecute.
   */
  private static final class LastPool {
    WeakReference<Executor> pool = new WeakReference<>(null);
    PoolEntry entry;
    TimedFutureTask<?> running;
    ExecutorMetrics.Series runningSeries;
    NanosHistogram.Series runningTaskClass;
    long runningStart;
  }

  private final ExecutorMetrics metrics;
  private final PoolRegistry registry;
  private final AgentErrors errors;
  private final ThreadLocal<LastPool> lastPool = ThreadLocal.withInitial(LastPool::new);
  private final ThreadLocal<Boolean> applyingBounds = ThreadLocal.withInitial(() -> false);

  ExecutorTracker(ExecutorMetrics metrics, PoolRegistry registry, AgentErrors errors) {
    this.metrics = metrics;
    this.registry = registry;
    this.errors = errors;
  }

  @Override
  public Runnable wrap(Executor pool, Runnable task) {
    if (TaskExclusions.excluded(task)
        || (pool instanceof ThreadPoolExecutor && !WrapSafety.canWrap((ThreadPoolExecutor) pool))) {
      return task;
    }
    return TrackedRunnable.of(task, pool, TaskUnwrapper.taskClass(task), System.nanoTime());
  }

  @Override
  public <T> Callable<T> wrap(Executor pool, Callable<T> task) {
    return new TrackedCallable<>(task, pool, TaskUnwrapper.taskClass(task), System.nanoTime());
  }

  @Override
  public <T> RunnableFuture<T> newTaskFor(ThreadPoolExecutor pool, Callable<T> task) {
    return WrapSafety.canWrap(pool) ? new TimedFutureTask<>(task, System.nanoTime()) : null;
  }

  @Override
  public <T> RunnableFuture<T> newTaskFor(ThreadPoolExecutor pool, Runnable task, T value) {
    return WrapSafety.canWrap(pool) ? new TimedFutureTask<>(task, value, System.nanoTime()) : null;
  }

  @Override
  public void beforeExecute(ThreadPoolExecutor pool, TimedFutureTask<?> task) {
    try {
      if (task.isCancelled()) {
        return; // cancelled while queued: it does nothing when taken, which is not a run
      }
      LastPool last = lastPool.get();
      ExecutorMetrics.Series series = entryForRun(last, pool).series;
      if (series == null) {
        return;
      }
      // Named now: once the task has run, the FutureTask no longer holds it.
      NanosHistogram.Series taskClass = metrics.taskClass(TaskUnwrapper.taskClass(task));
      long start = System.nanoTime();
      series.queueWait().observe(start - task.createdNanos());
      last.running = task;
      last.runningSeries = series;
      last.runningTaskClass = taskClass;
      last.runningStart = start;
    } catch (Throwable error) {
      errors.report("executor", error);
    }
  }

  @Override
  public void afterExecute(TimedFutureTask<?> task) {
    try {
      long end = System.nanoTime();
      LastPool last = lastPool.get();
      if (last.running != task) {
        return;
      }
      last.running = null;
      long run = end - last.runningStart;
      last.runningSeries.task().observe(run);
      last.runningTaskClass.observe(run);
    } catch (Throwable error) {
      errors.report("executor", error);
    }
  }

  @Override
  public Object started(Executor pool, long enqueued, long start) {
    try {
      ExecutorMetrics.Series series = entryForRun(lastPool.get(), pool).series;
      if (series != null) {
        series.queueWait().observe(start - enqueued);
      }
      return series;
    } catch (Throwable error) {
      errors.report("executor", error);
      return null;
    }
  }

  @Override
  public void finished(Object series, Class<?> taskClass, long start, long end) {
    try {
      long run = end - start;
      ((ExecutorMetrics.Series) series).task().observe(run);
      metrics.taskClass(taskClass).observe(run);
    } catch (Throwable error) {
      errors.report("executor", error);
    }
  }

  @Override
  public void rejected(Executor pool) {
    try {
      ExecutorMetrics.Series series = registry.rejected(pool);
      if (series != null) {
        series.rejected().inc();
      }
    } catch (Throwable error) {
      errors.report("executor", error);
    }
  }

  /** Scope of a scheduled task's run: its series and when it started. */
  private record Scheduled(
      ExecutorMetrics.Series series, NanosHistogram.Series taskClass, long start) {}

  @Override
  public Object scheduledStart(Executor pool, Runnable scheduledTask) {
    try {
      RunnableScheduledFuture<?> task = (RunnableScheduledFuture<?>) scheduledTask;
      if (task.isPeriodic() || task.isCancelled()) {
        return null;
      }
      ExecutorMetrics.Series series = entryForRun(lastPool.get(), pool).series;
      if (series == null) {
        return null;
      }
      long start = System.nanoTime();
      // A delayed task waits for its due time by design: what counts is how late it starts.
      long late = -task.getDelay(TimeUnit.NANOSECONDS);
      series.queueWait().observe(late);
      return new Scheduled(series, metrics.taskClass(TaskUnwrapper.taskClass(task)), start);
    } catch (Throwable error) {
      errors.report("executor", error);
      return null;
    }
  }

  @Override
  public void scheduledEnd(Object scope) {
    try {
      Scheduled scheduled = (Scheduled) scope;
      long run = System.nanoTime() - scheduled.start();
      scheduled.series().task().observe(run);
      scheduled.taskClass().observe(run);
    } catch (Throwable error) {
      errors.report("executor", error);
    }
  }

  @Override
  public int boundSize(ThreadPoolExecutor pool, int requested, boolean maximum) {
    if (applyingBounds.get()) {
      return requested;
    }
    try {
      int cap = registry.requested(pool, requested, maximum);
      int bounded = PoolBounds.bounded(requested, cap);
      if (bounded != requested) {
        countBounds(registry.existing(pool));
      }
      return bounded;
    } catch (Throwable error) {
      errors.report("executor", error);
      return requested;
    }
  }

  /** Config (re)load: rename and re-cap every pool seen so far. */
  void configure(AgentConfig config) {
    for (PoolRegistry.Pool each : registry.reconfigure(config.executor().pools())) {
      if (each.pool() instanceof ThreadPoolExecutor) {
        applyBounds((ThreadPoolExecutor) each.pool(), each.entry());
      }
    }
  }

  private PoolEntry entryForRun(LastPool last, Executor pool) {
    if (last.pool.get() == pool) {
      return last.entry;
    }
    PoolEntry entry = registry.entry(pool, Thread.currentThread());
    last.pool = new WeakReference<>(pool);
    last.entry = entry;
    if (pool instanceof ThreadPoolExecutor) {
      applyBounds((ThreadPoolExecutor) pool, entry);
    }
    return entry;
  }

  private void applyBounds(ThreadPoolExecutor pool, PoolEntry entry) {
    PoolBounds.Sizes sizes = registry.sizes(entry);
    if (sizes == null) {
      return;
    }
    applyingBounds.set(true);
    try {
      if (PoolBounds.apply(pool, sizes)) {
        countBounds(entry);
      }
    } catch (RuntimeException error) {
      errors.report("executor", error);
    } finally {
      applyingBounds.set(false);
    }
  }

  private static void countBounds(PoolEntry entry) {
    ExecutorMetrics.Series series = entry == null ? null : entry.series;
    if (series != null) {
      series.boundsApplied().inc();
    }
  }
}
