package io.qnwis.agent.instrumentation.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TaskUnwrapperTest {

  @BeforeAll
  static void openJavaUtilConcurrent() {
    TaskUnwrapper.open(ByteBuddyAgent.install());
  }

  static final class LoadStats implements Callable<Integer> {
    @Override
    public Integer call() {
      return 1;
    }
  }

  static final class Refresh implements Runnable {
    @Override
    public void run() {}
  }

  static final class Fetch implements Supplier<Integer> {
    @Override
    public Integer get() {
      return 1;
    }
  }

  @Test
  void findsTheCallableInsideAFutureTask() {
    assertThat(TaskUnwrapper.taskClass(new FutureTask<>(new LoadStats())))
        .isEqualTo(LoadStats.class);
  }

  @Test
  void findsTheRunnableInsideAFutureTaskOfASubmittedRunnable() {
    assertThat(TaskUnwrapper.taskClass(new FutureTask<>(new Refresh(), null)))
        .isEqualTo(Refresh.class);
    assertThat(TaskUnwrapper.taskClass(Executors.callable(new Refresh()))).isEqualTo(Refresh.class);
  }

  @Test
  void findsTheTaskThroughNestedFutureTasksAsExecutorCompletionServiceQueuesThem() {
    FutureTask<Integer> inner = new FutureTask<>(new LoadStats());

    assertThat(TaskUnwrapper.taskClass(new FutureTask<>(inner, null))).isEqualTo(LoadStats.class);
  }

  @Test
  void findsTheSupplierOfACompletableFutureAsyncTask() {
    AtomicReference<Runnable> submitted = new AtomicReference<>();
    Executor capture = submitted::set;

    CompletableFuture.supplyAsync(new Fetch(), capture);
    assertThat(TaskUnwrapper.taskClass(submitted.get())).isEqualTo(Fetch.class);

    CompletableFuture.runAsync(new Refresh(), capture);
    assertThat(TaskUnwrapper.taskClass(submitted.get())).isEqualTo(Refresh.class);
  }

  @Test
  void namesAPlainTaskByItsOwnClass() {
    assertThat(TaskUnwrapper.taskClass(new Refresh())).isEqualTo(Refresh.class);
  }
}
