package io.qnwis.agent.instrumentation.executor;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.Callable;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Exact method matchers shared by the executor instrumentations. Types are matched by exact name
 * only (four JDK classes), so the matcher costs start-up nothing per loaded class beyond a string
 * comparison: no hierarchy walks. Subclasses are covered because they inherit these methods.
 */
public final class ExecutorMatchers {

  static final String ABSTRACT_EXECUTOR_SERVICE = "java.util.concurrent.AbstractExecutorService";
  static final String THREAD_POOL_EXECUTOR = "java.util.concurrent.ThreadPoolExecutor";
  static final String SCHEDULED_FUTURE_TASK =
      "java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask";
  static final String FORK_JOIN_POOL = "java.util.concurrent.ForkJoinPool";

  private static final Set<String> TARGETS =
      Set.of(
          ABSTRACT_EXECUTOR_SERVICE, THREAD_POOL_EXECUTOR, SCHEDULED_FUTURE_TASK, FORK_JOIN_POOL);

  private ExecutorMatchers() {}

  /** Whether an executor instrumentation matches the class of this name; the rest are skipped. */
  public static boolean isTarget(String className) {
    return TARGETS.contains(className);
  }

  /** {@code execute(Runnable)}. */
  static ElementMatcher.Junction<MethodDescription> execute() {
    return named("execute").and(isPublic()).and(takesArguments(Runnable.class));
  }

  /** {@code submit(Runnable[, T])}, {@code submit(Callable)}: not the ForkJoinTask overloads. */
  static ElementMatcher.Junction<MethodDescription> submit() {
    return named("submit")
        .and(isPublic())
        .and(takesArgument(0, Runnable.class).or(takesArgument(0, Callable.class)));
  }

  /** {@code invokeAll(Collection[, long, TimeUnit])}, {@code invokeAny(...)}. */
  static ElementMatcher.Junction<MethodDescription> invokeAllOrAny() {
    return namedOneOf("invokeAll", "invokeAny")
        .and(isPublic())
        .and(takesArgument(0, Collection.class));
  }
}
