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
}
