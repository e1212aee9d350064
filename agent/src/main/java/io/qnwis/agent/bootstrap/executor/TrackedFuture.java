package io.qnwis.agent.bootstrap.executor;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link TrackedRunnable} around a {@code RunnableFuture} (what {@code submit}, {@code invokeAll}
 * and {@code invokeAny} queue), itself a future that delegates, so pool code that looks for futures
 * in its queue ({@code ThreadPoolExecutor.purge()} removes cancelled ones) still works.
 */
final class TrackedFuture extends TrackedRunnable implements RunnableFuture<Object> {

  private final Future<?> future;

  TrackedFuture(Runnable delegate, Executor pool, Class<?> taskClass, long enqueuedNanos) {
    super(delegate, pool, taskClass, enqueuedNanos);
    this.future = (Future<?>) delegate;
  }

  @Override
  protected boolean skipped() {
    return future.isCancelled();
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    return future.cancel(mayInterruptIfRunning);
  }

  @Override
  public boolean isCancelled() {
    return future.isCancelled();
  }

  @Override
  public boolean isDone() {
    return future.isDone();
  }

  @Override
  public Object get() throws InterruptedException, ExecutionException {
    return future.get();
  }

  @Override
  public Object get(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    return future.get(timeout, unit);
  }
}
