package io.qnwis.agent.bootstrap.executor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The static entry points executor advice calls. Until the executor module starts (and if it is
 * disabled) {@link #hook} is null and every method hands back what it was given, so advice woven
 * before premain finishes changes nothing. A failing hook is never allowed to reach the service.
 */
public final class ExecutorBridge {

  private static volatile ExecutorHook hook;

  /**
   * ForkJoinPool's public submission methods call each other on some JDKs (invokeAny through an
   * ExecutorCompletionService calls execute): only the outermost wraps, so a task counts once.
   */
  public static final io.qnwis.agent.bootstrap.CallDepth FORK_JOIN_DEPTH =
      new io.qnwis.agent.bootstrap.CallDepth();

  private ExecutorBridge() {}

  public static void install(ExecutorHook next) {
    hook = next;
  }

  static ExecutorHook hook() {
    return hook;
  }

  /**
   * AbstractExecutorService.newTaskFor(Callable) of a ThreadPoolExecutor: a {@link TimedFutureTask}
   * in place of the JDK's FutureTask, or null to let the JDK create its own. A
   * ScheduledThreadPoolExecutor is left alone: it queues its own scheduled tasks, advised apart.
   */
  public static Object newTaskFor(Object pool, Callable<?> task) {
    ExecutorHook current = hook;
    if (current == null || task == null || !timedPool(pool)) {
      return null;
    }
    try {
      return current.newTaskFor((ThreadPoolExecutor) pool, task);
    } catch (Throwable error) {
      return null;
    }
  }

  /** As {@link #newTaskFor(Object, Callable)} for newTaskFor(Runnable, value). */
  public static Object newTaskFor(Object pool, Runnable task, Object value) {
    ExecutorHook current = hook;
    if (current == null || task == null || !timedPool(pool)) {
      return null;
    }
    try {
      return current.newTaskFor((ThreadPoolExecutor) pool, task, value);
    } catch (Throwable error) {
      return null;
    }
  }

  private static boolean timedPool(Object pool) {
    return pool instanceof ThreadPoolExecutor && !(pool instanceof ScheduledThreadPoolExecutor);
  }

  /** ThreadPoolExecutor.beforeExecute: a {@link TimedFutureTask} starts on this worker. */
  public static void beforeExecute(ThreadPoolExecutor pool, Runnable task) {
    ExecutorHook current = hook;
    if (current != null && task instanceof TimedFutureTask) {
      try {
        current.beforeExecute(pool, (TimedFutureTask<?>) task);
      } catch (Throwable ignored) {
        // never the service's problem
      }
    }
  }

  /** ThreadPoolExecutor.afterExecute: the run of a {@link TimedFutureTask} has ended. */
  public static void afterExecute(Runnable task) {
    ExecutorHook current = hook;
    if (current != null && task instanceof TimedFutureTask) {
      try {
        current.afterExecute((TimedFutureTask<?>) task);
      } catch (Throwable ignored) {
        // never the service's problem
      }
    }
  }

  /**
   * ThreadPoolExecutor.execute and ForkJoinPool.execute: wrap the task once. A {@link
   * TimedFutureTask} carries its submission time itself.
   */
  public static Runnable onExecute(Executor pool, Runnable task) {
    ExecutorHook current = hook;
    if (current == null
        || task == null
        || task instanceof TrackedRunnable
        || (task instanceof TimedFutureTask && pool instanceof ThreadPoolExecutor)) {
      return task;
    }
    try {
      return current.wrap(pool, task);
    } catch (Throwable error) {
      return task;
    }
  }

  /**
   * ForkJoinPool.submit / invokeAll / invokeAny: wraps a Runnable or Callable, or each element of a
   * collection of Callables (into a new list). ForkJoinTasks are left alone: submit returns them.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Object onSubmit(Executor pool, Object task) {
    ExecutorHook current = hook;
    if (current == null || task == null || task instanceof ForkJoinTask) {
      return task;
    }
    try {
      if (task instanceof Callable && !(task instanceof TrackedCallable)) {
        return current.wrap(pool, (Callable) task);
      }
      if (task instanceof Runnable && !(task instanceof TrackedRunnable)) {
        return current.wrap(pool, (Runnable) task);
      }
      if (task instanceof Collection) {
        Collection<?> tasks = (Collection<?>) task;
        List<Object> wrapped = new ArrayList<>(tasks.size());
        for (Object each : tasks) {
          wrapped.add(each instanceof Callable ? current.wrap(pool, (Callable) each) : each);
        }
        return wrapped;
      }
      return task;
    } catch (Throwable error) {
      return task;
    }
  }

  /** Exit of a ForkJoinPool submission: a rejection of the outermost call is counted. */
  public static void onForkJoinExit(Executor pool, int depthBefore, Throwable thrown) {
    FORK_JOIN_DEPTH.exit();
    if (depthBefore == 0 && thrown instanceof RejectedExecutionException) {
      rejected(pool);
    }
  }

  /**
   * ThreadPoolExecutor.reject: counted, and the handler gets the task the service submitted (a
   * CallerRunsPolicy then runs it unmeasured; a handler re-queueing it queues the service's task).
   */
  public static Runnable onReject(Executor pool, Runnable task) {
    rejected(pool);
    return task instanceof TrackedRunnable ? ((TrackedRunnable) task).delegate() : task;
  }

  private static void rejected(Executor pool) {
    ExecutorHook current = hook;
    if (current != null) {
      try {
        current.rejected(pool);
      } catch (Throwable ignored) {
        // counted by the hook itself when it can; never the service's problem
      }
    }
  }

  /** ThreadPoolExecutor.remove(task): the queued wrapper of the service's task, if any. */
  public static Runnable queuedFor(ThreadPoolExecutor pool, Runnable task) {
    if (task == null || task instanceof TrackedRunnable || hook == null) {
      return task;
    }
    for (Runnable queued : pool.getQueue()) {
      if (queued instanceof TrackedRunnable && ((TrackedRunnable) queued).delegate() == task) {
        return queued;
      }
    }
    return task;
  }

  /** ThreadPoolExecutor.shutdownNow: the drained list holds the service's own tasks again. */
  public static void unwrapAll(List<Runnable> drained) {
    if (drained == null) {
      return;
    }
    for (int i = 0; i < drained.size(); i++) {
      Runnable task = drained.get(i);
      if (task instanceof TrackedRunnable) {
        drained.set(i, ((TrackedRunnable) task).delegate());
      }
    }
  }

  public static Object scheduledStart(Executor pool, Runnable task) {
    ExecutorHook current = hook;
    if (current == null) {
      return null;
    }
    try {
      return current.scheduledStart(pool, task);
    } catch (Throwable error) {
      return null;
    }
  }

  public static void scheduledEnd(Object scope) {
    ExecutorHook current = hook;
    if (current != null && scope != null) {
      try {
        current.scheduledEnd(scope);
      } catch (Throwable ignored) {
        // never the service's problem
      }
    }
  }

  public static int boundSize(ThreadPoolExecutor pool, int requested, boolean maximum) {
    ExecutorHook current = hook;
    if (current == null) {
      return requested;
    }
    try {
      return current.boundSize(pool, requested, maximum);
    } catch (Throwable error) {
      return requested;
    }
  }

  static Object started(Executor pool, long enqueued, long start) {
    ExecutorHook current = hook;
    if (current == null) {
      return null;
    }
    try {
      return current.started(pool, enqueued, start);
    } catch (Throwable error) {
      return null;
    }
  }

  static void finished(Object series, Class<?> taskClass, long start, long end) {
    ExecutorHook current = hook;
    if (current != null && series != null) {
      try {
        current.finished(series, taskClass, start, end);
      } catch (Throwable ignored) {
        // never the service's problem
      }
    }
  }
}
