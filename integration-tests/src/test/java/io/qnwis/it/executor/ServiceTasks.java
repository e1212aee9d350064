package io.qnwis.it.executor;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The tasks {@link ExecutorUsingService} submits: one class per submission style and pool, so the
 * test can count each exactly by {@code agent_name}.
 */
final class ServiceTasks {

  private ServiceTasks() {}

  static int work() {
    return ExecutorUsingService.work();
  }

  record ExecuteTask(CountDownLatch done) implements Runnable {
    public void run() {
      work();
      done.countDown();
    }
  }

  static final class SubmitCallable implements Callable<Integer> {
    public Integer call() {
      return work();
    }
  }

  static final class SubmitRunnable implements Runnable {
    public void run() {
      work();
    }
  }

  static final class InvokeAllTask implements Callable<Integer> {
    public Integer call() {
      return work();
    }
  }

  record FailingAnyTask(CountDownLatch failed) implements Callable<String> {
    public String call() {
      failed.countDown();
      throw new IllegalStateException("fails on purpose");
    }
  }

  record AnyTask(CountDownLatch failed) implements Callable<String> {
    public String call() throws InterruptedException {
      failed.await(30, TimeUnit.SECONDS);
      return "any-ok";
    }
  }

  static final class SupplyTask implements Supplier<Integer> {
    public Integer get() {
      return work();
    }
  }

  static final class ScheduledTask implements Runnable {
    public void run() {
      work();
    }
  }

  static final class ScheduledCallable implements Callable<Integer> {
    public Integer call() {
      return work();
    }
  }

  record ForkJoinExecuteTask(CountDownLatch done) implements Runnable {
    public void run() {
      work();
      done.countDown();
    }
  }

  static final class ForkJoinCallable implements Callable<Integer> {
    public Integer call() {
      return work();
    }
  }

  static final class ForkJoinInvokeAllTask implements Callable<Integer> {
    public Integer call() {
      return work();
    }
  }

  static final class ForkJoinSupplyTask implements Supplier<Integer> {
    public Integer get() {
      return work();
    }
  }

  static final class DefaultPoolTask implements Runnable {
    public void run() {
      work();
    }
  }

  static final class CappedTask implements Runnable {
    public void run() {
      work();
    }
  }

  record QueuedTask(CountDownLatch done) implements Runnable {
    public void run() {
      done.countDown();
    }
  }

  record HeldTask(CountDownLatch started, CountDownLatch release) implements Runnable {
    public void run() {
      started.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
