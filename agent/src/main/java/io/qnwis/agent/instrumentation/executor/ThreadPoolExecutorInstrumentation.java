package io.qnwis.agent.instrumentation.executor;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.qnwis.agent.bootstrap.executor.ExecutorBridge;
import io.qnwis.agent.instrumentation.Advices;
import io.qnwis.agent.instrumentation.TypeInstrumentation;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadPoolExecutor;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * {@code java.util.concurrent.ThreadPoolExecutor} (and so every subclass that does not override
 * these methods). Intercepts:
 *
 * <ul>
 *   <li>{@code execute(Runnable)}: the task is wrapped ({@code TrackedRunnable}) to carry its
 *       submission time, class and pool to its run, unless it is a {@code TimedFutureTask} (what
 *       {@code submit}, {@code invokeAll} and {@code invokeAny} queue, see {@link
 *       AbstractExecutorServiceInstrumentation}), which carries its submission time itself. {@code
 *       CompletableFuture.*Async(..., pool)} and {@code Executors} delegating wrappers end here.
 *   <li>{@code beforeExecute(Thread, Runnable)}, {@code afterExecute(Runnable, Throwable)}: time
 *       the run of a {@code TimedFutureTask} (the worker calls them around each task).
 *   <li>{@code reject(Runnable)}: counts the rejection; the handler gets the service's task.
 *   <li>{@code remove(Runnable)}: removes the queued wrapper of the service's task.
 *   <li>{@code shutdownNow()}: returns the service's tasks, not wrappers.
 *   <li>{@code setCorePoolSize(int)}, {@code setMaximumPoolSize(int)}: capped by pool bounds.
 * </ul>
 *
 * {@code ScheduledThreadPoolExecutor} overrides execute and submit to queue scheduled tasks
 * directly: see {@link ScheduledFutureTaskInstrumentation}.
 */
final class ThreadPoolExecutorInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return ElementMatchers.isBootstrapClassLoader();
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(ExecutorMatchers.THREAD_POOL_EXECUTOR);
  }

  @Override
  public Set<String> requiredTypeNames() {
    return Set.of(ExecutorMatchers.THREAD_POOL_EXECUTOR);
  }

  @Override
  public AgentBuilder.Transformer transformer() {
    return Advices.transformer()
        .advice(ExecutorMatchers.execute(), ExecuteAdvice.class.getName())
        .advice(
            named("beforeExecute").and(takesArguments(Thread.class, Runnable.class)),
            BeforeExecuteAdvice.class.getName())
        .advice(
            named("afterExecute").and(takesArguments(Runnable.class, Throwable.class)),
            AfterExecuteAdvice.class.getName())
        .advice(named("reject").and(takesArguments(Runnable.class)), RejectAdvice.class.getName())
        .advice(
            named("remove").and(isPublic()).and(takesArguments(Runnable.class)),
            RemoveAdvice.class.getName())
        .advice(
            named("shutdownNow").and(isPublic()).and(takesArguments(0)),
            ShutdownNowAdvice.class.getName())
        .advice(
            named("setCorePoolSize").and(isPublic()).and(takesArguments(int.class)),
            CorePoolSizeAdvice.class.getName())
        .advice(
            named("setMaximumPoolSize").and(isPublic()).and(takesArguments(int.class)),
            MaximumPoolSizeAdvice.class.getName());
  }

  public static class ExecuteAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(
        @Advice.This ThreadPoolExecutor pool,
        @Advice.Argument(value = 0, readOnly = false) Runnable task) {
      task = ExecutorBridge.onExecute(pool, task);
    }
  }

  public static class BeforeExecuteAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This ThreadPoolExecutor pool, @Advice.Argument(1) Runnable task) {
      ExecutorBridge.beforeExecute(pool, task);
    }
  }

  public static class AfterExecuteAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Runnable task) {
      ExecutorBridge.afterExecute(task);
    }
  }

  public static class RejectAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(
        @Advice.This ThreadPoolExecutor pool,
        @Advice.Argument(value = 0, readOnly = false) Runnable task) {
      task = ExecutorBridge.onReject(pool, task);
    }
  }

  public static class RemoveAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(
        @Advice.This ThreadPoolExecutor pool,
        @Advice.Argument(value = 0, readOnly = false) Runnable task) {
      task = ExecutorBridge.queuedFor(pool, task);
    }
  }

  public static class ShutdownNowAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.Return List<Runnable> drained) {
      ExecutorBridge.unwrapAll(drained);
    }
  }

  public static class CorePoolSizeAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(
        @Advice.This ThreadPoolExecutor pool,
        @Advice.Argument(value = 0, readOnly = false) int size) {
      size = ExecutorBridge.boundSize(pool, size, false);
    }
  }

  public static class MaximumPoolSizeAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(
        @Advice.This ThreadPoolExecutor pool,
        @Advice.Argument(value = 0, readOnly = false) int size) {
      size = ExecutorBridge.boundSize(pool, size, true);
    }
  }
}
