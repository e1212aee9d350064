package io.qnwis.agent.bootstrap.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExecutorBridgeTest {

  private static final ThreadPoolExecutor POOL =
      new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>());

  @Test
  void handsTasksBackUnchangedWhileNoHookIsInstalled() {
    Runnable task = () -> {};

    assertThat(ExecutorBridge.onExecute(POOL, task)).isSameAs(task);
    assertThat(ExecutorBridge.boundSize(POOL, 12, true)).isEqualTo(12);
  }

  @Test
  void givesRejectionHandlersAndShutdownNowTheServicesOwnTask() {
    Runnable task = () -> {};
    TrackedRunnable wrapped = TrackedRunnable.of(task, POOL, task.getClass(), 0);
    List<Runnable> drained = new ArrayList<>(List.of(wrapped, task));

    ExecutorBridge.unwrapAll(drained);

    assertThat(ExecutorBridge.onReject(POOL, wrapped)).isSameAs(task);
    assertThat(drained).containsExactly(task, task);
  }

  @Test
  void wrapsAFutureInAFutureSoPurgeStillSeesCancelledTasks() {
    FutureTask<String> future = new FutureTask<>(() -> "x");
    TrackedRunnable wrapped = TrackedRunnable.of(future, POOL, String.class, 0);

    future.cancel(false);

    assertThat(wrapped).isInstanceOf(RunnableFuture.class);
    assertThat(((RunnableFuture<?>) wrapped).isCancelled()).isTrue();
  }

  @Test
  void printsATimedFutureTaskAsTheJdkPrintsAFutureTask() throws Exception {
    TimedFutureTask<String> timed = new TimedFutureTask<>(() -> "x", 0);
    String identity = Integer.toHexString(timed.hashCode());

    timed.run();

    assertThat(timed.get()).isEqualTo("x");
    assertThat(timed)
        .hasToString("java.util.concurrent.FutureTask@" + identity + "[Completed normally]");
  }

  /** Wraps everything it is given, as the agent's tracker does for service tasks. */
  static final class WrapAll implements ExecutorHook {
    @Override
    public Runnable wrap(java.util.concurrent.Executor pool, Runnable task) {
      return TrackedRunnable.of(task, pool, task.getClass(), 0);
    }

    @Override
    public <T> java.util.concurrent.Callable<T> wrap(
        java.util.concurrent.Executor pool, java.util.concurrent.Callable<T> task) {
      return new TrackedCallable<>(task, pool, task.getClass(), 0);
    }

    @Override
    public <T> java.util.concurrent.RunnableFuture<T> newTaskFor(
        ThreadPoolExecutor pool, java.util.concurrent.Callable<T> task) {
      return new TimedFutureTask<>(task, 0);
    }

    @Override
    public <T> java.util.concurrent.RunnableFuture<T> newTaskFor(
        ThreadPoolExecutor pool, Runnable task, T value) {
      return new TimedFutureTask<>(task, value, 0);
    }

    @Override
    public void beforeExecute(ThreadPoolExecutor pool, TimedFutureTask<?> task) {}

    @Override
    public void afterExecute(TimedFutureTask<?> task) {}

    @Override
    public Object started(java.util.concurrent.Executor pool, long enqueued, long start) {
      return null;
    }

    @Override
    public void finished(Object series, Class<?> taskClass, long start, long end) {}

    @Override
    public void rejected(java.util.concurrent.Executor pool) {}

    @Override
    public Object scheduledStart(java.util.concurrent.Executor pool, Runnable task) {
      return null;
    }

    @Override
    public void scheduledEnd(Object scope) {}

    @Override
    public int boundSize(ThreadPoolExecutor pool, int requested, boolean maximum) {
      return requested;
    }
  }

  @Test
  void wrapsEachCallableOfAnInvokeAllCollectionIntoANewList() {
    ExecutorBridge.install(new WrapAll());
    try {
      java.util.concurrent.Callable<String> task = () -> "x";
      List<java.util.concurrent.Callable<String>> tasks = List.of(task, task);

      Object wrapped = ExecutorBridge.onSubmit(POOL, tasks);

      assertThat(wrapped).isNotSameAs(tasks).asList().hasSize(2);
      assertThat(((List<?>) wrapped).get(0)).isInstanceOf(TrackedCallable.class);
      assertThat(tasks).containsExactly(task, task);
    } finally {
      ExecutorBridge.install(null);
    }
  }

  @Test
  void leavesForkJoinTasksAndTrackedTasksAsTheyAre() {
    ExecutorBridge.install(new WrapAll());
    try {
      java.util.concurrent.ForkJoinTask<?> forkJoinTask =
          java.util.concurrent.ForkJoinTask.adapt(() -> {});
      Runnable tracked = ExecutorBridge.onExecute(POOL, () -> {});

      assertThat(ExecutorBridge.onSubmit(POOL, forkJoinTask)).isSameAs(forkJoinTask);
      assertThat(ExecutorBridge.onSubmit(POOL, tracked)).isSameAs(tracked);
      assertThat(tracked).isInstanceOf(TrackedRunnable.class);
    } finally {
      ExecutorBridge.install(null);
    }
  }
}
