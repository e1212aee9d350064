package io.qnwis.agent.bootstrap.executor;

import java.util.concurrent.Executor;

/**
 * A task as it sits in a pool's queue: the service's task plus what the run needs to report (its
 * pool, the class that names it, when it was submitted). JDK executor classes cannot get new fields
 * under retransformation, so the submission time travels in this wrapper instead.
 *
 * <p>Trade-offs, documented in docs/metrics.md: {@code getQueue()} shows wrappers; {@code
 * remove(task)}, {@code shutdownNow()} and rejection handlers see the service's own task again
 * (advice unwraps them); {@code getQueue().remove(task)} by the service finds nothing.
 */
public class TrackedRunnable implements Runnable {

  private final Runnable delegate;
  private final Executor pool;
  private final Class<?> taskClass;
  private final long enqueuedNanos;

  protected TrackedRunnable(
      Runnable delegate, Executor pool, Class<?> taskClass, long enqueuedNanos) {
    this.delegate = delegate;
    this.pool = pool;
    this.taskClass = taskClass;
    this.enqueuedNanos = enqueuedNanos;
  }

  /** A wrapper that is itself a {@code RunnableFuture} when the task is one (FutureTask). */
  public static TrackedRunnable of(
      Runnable delegate, Executor pool, Class<?> taskClass, long enqueuedNanos) {
    if (delegate instanceof java.util.concurrent.RunnableFuture) {
      return new TrackedFuture(delegate, pool, taskClass, enqueuedNanos);
    }
    return new TrackedRunnable(delegate, pool, taskClass, enqueuedNanos);
  }

  public final Runnable delegate() {
    return delegate;
  }

  public final Class<?> taskClass() {
    return taskClass;
  }

  /** A task cancelled while queued does nothing when taken: it is not a run. */
  protected boolean skipped() {
    return false;
  }

  @Override
  public final void run() {
    if (skipped()) {
      delegate.run();
      return;
    }
    long start = System.nanoTime();
    Object series = ExecutorBridge.started(pool, enqueuedNanos, start);
    try {
      delegate.run();
    } finally {
      ExecutorBridge.finished(series, taskClass, start, System.nanoTime());
    }
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
