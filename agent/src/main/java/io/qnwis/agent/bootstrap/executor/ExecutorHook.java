package io.qnwis.agent.bootstrap.executor;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * What advice woven into {@code java.util.concurrent} calls, implemented in the agent's own loader
 * (the executor module's tracker). JDK types only: this interface lives on the bootstrap path.
 * Implementations never throw; {@link ExecutorBridge} guards them anyway.
 */
public interface ExecutorHook {

  /** A tracked wrapper for {@code task} submitted to {@code pool}, or {@code task} to leave it. */
  Runnable wrap(Executor pool, Runnable task);

  /** As {@link #wrap(Executor, Runnable)} for a {@code Callable} given to a ForkJoinPool. */
  <T> Callable<T> wrap(Executor pool, Callable<T> task);

  /**
   * The future {@code pool.newTaskFor(task)} returns: a {@link TimedFutureTask}, or null to leave
   * the JDK's own FutureTask (the pool's runs are not measured).
   */
  <T> RunnableFuture<T> newTaskFor(ThreadPoolExecutor pool, Callable<T> task);

  /** As {@link #newTaskFor(ThreadPoolExecutor, Callable)} for {@code newTaskFor(task, value)}. */
  <T> RunnableFuture<T> newTaskFor(ThreadPoolExecutor pool, Runnable task, T value);

  /** A worker of {@code pool} is about to run {@code task}: its queue wait is recorded. */
  void beforeExecute(ThreadPoolExecutor pool, TimedFutureTask<?> task);

  /** The run {@link #beforeExecute} saw starting on this thread has ended. */
  void afterExecute(TimedFutureTask<?> task);

  /**
   * A tracked task starts on the current thread: its queue wait is recorded. Returns what {@link
   * #finished} needs, or null when the run is not recorded (the agent's own pools).
   */
  Object started(Executor pool, long enqueuedNanos, long startNanos);

  /** The tracked task {@link #started} returned {@code series} for has finished. */
  void finished(Object series, Class<?> taskClass, long startNanos, long endNanos);

  /**
   * The pool rejected a task (a ThreadPoolExecutor's handler is called, or a ForkJoinPool threw).
   */
  void rejected(Executor pool);

  /**
   * A one-shot task of a ScheduledThreadPoolExecutor starts on the current thread; returns what
   * {@link #scheduledEnd} needs, or null when nothing is to be recorded (periodic, agent's own).
   */
  Object scheduledStart(Executor pool, Runnable scheduledTask);

  void scheduledEnd(Object scope);

  /** The pool size a {@code setCorePoolSize}/{@code setMaximumPoolSize} call may set. */
  int boundSize(ThreadPoolExecutor pool, int requested, boolean maximum);
}
