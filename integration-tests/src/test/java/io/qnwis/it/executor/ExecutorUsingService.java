package io.qnwis.it.executor;

import io.qnwis.it.executor.ServiceTasks.AnyTask;
import io.qnwis.it.executor.ServiceTasks.CappedTask;
import io.qnwis.it.executor.ServiceTasks.DefaultPoolTask;
import io.qnwis.it.executor.ServiceTasks.ExecuteTask;
import io.qnwis.it.executor.ServiceTasks.FailingAnyTask;
import io.qnwis.it.executor.ServiceTasks.ForkJoinCallable;
import io.qnwis.it.executor.ServiceTasks.ForkJoinExecuteTask;
import io.qnwis.it.executor.ServiceTasks.ForkJoinInvokeAllTask;
import io.qnwis.it.executor.ServiceTasks.ForkJoinSupplyTask;
import io.qnwis.it.executor.ServiceTasks.HeldTask;
import io.qnwis.it.executor.ServiceTasks.InvokeAllTask;
import io.qnwis.it.executor.ServiceTasks.QueuedTask;
import io.qnwis.it.executor.ServiceTasks.ScheduledCallable;
import io.qnwis.it.executor.ServiceTasks.ScheduledTask;
import io.qnwis.it.executor.ServiceTasks.SubmitCallable;
import io.qnwis.it.executor.ServiceTasks.SubmitRunnable;
import io.qnwis.it.executor.ServiceTasks.SupplyTask;
import io.qnwis.it.support.Fixtures;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service that knows nothing of the agent and uses executors every way the JDK offers, with a
 * task class per submission style so the test can count each exactly. Prints what a service would
 * see of the pools (sizes, remove and shutdownNow results) for the test to check.
 */
public final class ExecutorUsingService {

  public static void main(String[] args) throws Exception {
    ThreadPoolExecutor tpe = pool("exec-tpe", 2, 2, new LinkedBlockingQueue<>());
    for (int i = 0; i < 3; i++) {
      CountDownLatch done = new CountDownLatch(1);
      tpe.execute(new ExecuteTask(done));
      done.await();
    }
    for (int i = 0; i < 4; i++) {
      tpe.submit(new SubmitCallable()).get();
    }
    for (int i = 0; i < 2; i++) {
      tpe.submit(new SubmitRunnable()).get();
    }
    tpe.invokeAll(
        List.of(
            new InvokeAllTask(),
            new InvokeAllTask(),
            new InvokeAllTask(),
            new InvokeAllTask(),
            new InvokeAllTask()));
    invokeAny(tpe, "tpe");
    for (int i = 0; i < 2; i++) {
      CompletableFuture.supplyAsync(new SupplyTask(), tpe).join();
    }
    CompletableFuture.runAsync(() -> work(), tpe).join();

    ScheduledThreadPoolExecutor scheduled = new ScheduledThreadPoolExecutor(1, named("exec-sched"));
    scheduled.schedule(new ScheduledTask(), 10, TimeUnit.MILLISECONDS).get();
    scheduled.schedule(new ScheduledTask(), 0, TimeUnit.MILLISECONDS).get();
    scheduled.submit(new ScheduledCallable()).get();
    CountDownLatch periodicRuns = new CountDownLatch(3);
    ScheduledFuture<?> periodic =
        scheduled.scheduleAtFixedRate(periodicRuns::countDown, 0, 5, TimeUnit.MILLISECONDS);
    periodicRuns.await();
    periodic.cancel(false);

    ForkJoinPool forkJoin =
        new ForkJoinPool(
            3,
            pool -> {
              ForkJoinWorkerThread thread =
                  ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
              thread.setName("exec-fj-" + thread.getPoolIndex());
              return thread;
            },
            null,
            false);
    for (int i = 0; i < 2; i++) {
      CountDownLatch done = new CountDownLatch(1);
      forkJoin.execute(new ForkJoinExecuteTask(done));
      done.await();
    }
    for (int i = 0; i < 3; i++) {
      forkJoin.submit(new ForkJoinCallable()).get();
    }
    forkJoin.invokeAll(
        List.of(
            new ForkJoinInvokeAllTask(),
            new ForkJoinInvokeAllTask(),
            new ForkJoinInvokeAllTask(),
            new ForkJoinInvokeAllTask()));
    invokeAny(forkJoin, "fj");
    for (int i = 0; i < 2; i++) {
      CompletableFuture.supplyAsync(new ForkJoinSupplyTask(), forkJoin).join();
    }

    for (int i = 0; i < 2; i++) {
      defaultPool();
    }

    saturate();
    startVirtualThreads();

    ThreadPoolExecutor capped = pool("exec-capped", 6, 10, new LinkedBlockingQueue<>());
    capped.submit(new CappedTask()).get();
    System.out.println(
        "capped max=" + capped.getMaximumPoolSize() + " core=" + capped.getCorePoolSize());
    capped.setMaximumPoolSize(12);
    System.out.println("capped after set max=" + capped.getMaximumPoolSize());

    CountDownLatch release = new CountDownLatch(1);
    ThreadPoolExecutor held = pool("exec-held", 1, 1, new LinkedBlockingQueue<>());
    CountDownLatch started = new CountDownLatch(1);
    held.execute(new HeldTask(started, release));
    started.await();
    held.execute(new HeldTask(new CountDownLatch(1), release));
    Runnable removable = new HeldTask(new CountDownLatch(1), release);
    held.execute(removable);
    System.out.println("remove=" + held.remove(removable));
    drainOnShutdownNow();
    poolsThatSeeTheirOwnTasks();

    Fixtures.readyAndWait();
    List<Runnable> drained = held.shutdownNow();
    System.out.println(
        "drained " + drained.size() + " " + drained.get(0).getClass().getSimpleName());
  }

  /** Two failing tasks that must start before the succeeding one may finish: all three run. */
  private static void invokeAny(java.util.concurrent.ExecutorService pool, String label)
      throws Exception {
    CountDownLatch failed = new CountDownLatch(2);
    Object result =
        pool.invokeAny(
            List.of(new FailingAnyTask(failed), new FailingAnyTask(failed), new AnyTask(failed)));
    System.out.println("invokeAny " + label + " " + result);
  }

  /** Executors' default thread names (pool-N-thread-M) number the pools too. */
  private static void defaultPool() throws Exception {
    java.util.concurrent.ExecutorService pool = Executors.newFixedThreadPool(1);
    pool.submit(new DefaultPoolTask()).get();
    pool.shutdown();
  }

  /** On JDK 21+, virtual threads (their continuations go to a ForkJoinPool); by reflection. */
  private static void startVirtualThreads() throws Exception {
    if (Runtime.version().feature() < 21) {
      System.out.println("virtual threads: none on this JDK");
      return;
    }
    Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
    java.lang.reflect.Method start =
        Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
    for (int i = 0; i < 20; i++) {
      ((Thread) start.invoke(builder, (Runnable) ExecutorUsingService::work)).join();
    }
    System.out.println("virtual threads: 20 ran");
  }

  /** A pool casting tasks in afterExecute, and a priority queue comparing them, still work. */
  private static void poolsThatSeeTheirOwnTasks() throws Exception {
    CountDownLatch castingRan = new CountDownLatch(2); // run, then afterExecute
    CountDownLatch priorityRan = new CountDownLatch(1);
    ThreadPoolExecutor casting =
        new ThreadPoolExecutor(
            1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), named("exec-casting")) {
          @Override
          protected void afterExecute(Runnable task, Throwable error) {
            ((PrioritizedTask) task).done().countDown();
          }
        };
    casting.execute(new PrioritizedTask(1, castingRan));
    ThreadPoolExecutor prioritized =
        new ThreadPoolExecutor(
            1, 1, 30, TimeUnit.SECONDS, new PriorityBlockingQueue<>(), named("exec-priority"));
    prioritized.execute(new PrioritizedTask(1, priorityRan));
    boolean ran = castingRan.await(10, TimeUnit.SECONDS) && priorityRan.await(10, TimeUnit.SECONDS);
    System.out.println("own-task pools ran=" + ran);
  }

  record PrioritizedTask(int priority, CountDownLatch done)
      implements Runnable, Comparable<PrioritizedTask> {
    public void run() {
      done.countDown();
    }

    public int compareTo(PrioritizedTask other) {
      return Integer.compare(priority, other.priority);
    }
  }

  /** shutdownNow hands back the tasks the service queued, as it queued them. */
  private static void drainOnShutdownNow() throws Exception {
    ThreadPoolExecutor pool = pool("exec-drain", 1, 1, new LinkedBlockingQueue<>());
    CountDownLatch started = new CountDownLatch(1);
    pool.execute(new HeldTask(started, new CountDownLatch(1)));
    started.await();
    Runnable first = new QueuedTask(new CountDownLatch(1));
    pool.execute(first);
    java.util.concurrent.Future<?> submitted = pool.submit(new SubmitCallable());
    List<Runnable> drained = pool.shutdownNow();
    System.out.println(
        "shutdownNow gave back the queued task="
            + (drained.get(0) == first)
            + " and the submitted future="
            + (drained.get(1) == submitted)
            + ", a FutureTask="
            + (drained.get(1) instanceof java.util.concurrent.FutureTask)
            + " printed as one="
            + drained.get(1).toString().startsWith("java.util.concurrent.FutureTask@"));
  }

  /** One thread, one queue slot: a blocked task, a queued task, then rejections. */
  private static void saturate() throws Exception {
    ThreadPoolExecutor pool = pool("exec-sat", 1, 1, new ArrayBlockingQueue<>(1));
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    pool.execute(new HeldTask(started, release));
    started.await();
    CountDownLatch queuedDone = new CountDownLatch(1);
    pool.execute(new QueuedTask(queuedDone));
    int rejected = 0;
    for (int i = 0; i < 2; i++) {
      try {
        pool.execute(new QueuedTask(new CountDownLatch(1)));
      } catch (RejectedExecutionException expected) {
        rejected++;
      }
    }
    Thread.sleep(300); // the queued task waits at least this long
    release.countDown();
    queuedDone.await();
    System.out.println("saturated rejected=" + rejected);
  }

  static ThreadPoolExecutor pool(
      String prefix, int core, int max, java.util.concurrent.BlockingQueue<Runnable> queue) {
    return new ThreadPoolExecutor(core, max, 30, TimeUnit.SECONDS, queue, named(prefix));
  }

  static ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  static int work() {
    return Integer.toHexString(System.identityHashCode(new Object())).length();
  }
}
