package io.qnwis.agent.bootstrap.executor;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * A Callable submitted to a ForkJoinPool ({@code submit}, {@code invokeAll}, {@code invokeAny}),
 * carrying what its run reports; see {@link TrackedRunnable}.
 */
public final class TrackedCallable<T> implements Callable<T> {

  private final Callable<T> delegate;
  private final Executor pool;
  private final Class<?> taskClass;
  private final long enqueuedNanos;

  public TrackedCallable(Callable<T> delegate, Executor pool, Class<?> taskClass, long enqueued) {
    this.delegate = delegate;
    this.pool = pool;
    this.taskClass = taskClass;
    this.enqueuedNanos = enqueued;
  }

  public Callable<T> delegate() {
    return delegate;
  }

  @Override
  public T call() throws Exception {
    long start = System.nanoTime();
    Object series = ExecutorBridge.started(pool, enqueuedNanos, start);
    try {
      return delegate.call();
    } finally {
      ExecutorBridge.finished(series, taskClass, start, System.nanoTime());
    }
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
