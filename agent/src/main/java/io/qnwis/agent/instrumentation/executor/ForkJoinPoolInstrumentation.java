package io.qnwis.agent.instrumentation.executor;

import static net.bytebuddy.matcher.ElementMatchers.named;

import io.qnwis.agent.bootstrap.executor.ExecutorBridge;
import io.qnwis.agent.instrumentation.Advices;
import io.qnwis.agent.instrumentation.TypeInstrumentation;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * {@code java.util.concurrent.ForkJoinPool}. Intercepts the submissions of Runnables and Callables:
 *
 * <ul>
 *   <li>{@code execute(Runnable)}: wrapped, including CompletableFuture's async tasks (which are
 *       ForkJoinTasks submitted as Runnables).
 *   <li>{@code submit(Runnable)}, {@code submit(Runnable, T)}, {@code submit(Callable)}, {@code
 *       invokeAll(Collection[, long, TimeUnit])}, {@code invokeAny(Collection[, long, TimeUnit])}
 *       (where the JDK declares them here; else they reach execute).
 * </ul>
 *
 * Not intercepted: ForkJoinTasks given as such ({@code execute/submit/invoke(ForkJoinTask)}, {@code
 * fork()}): recursive decomposition, parallel streams; their subtasks are not service tasks.
 * Rejections (the pool is shut down) are counted from the exception thrown.
 */
final class ForkJoinPoolInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return ElementMatchers.isBootstrapClassLoader();
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(ExecutorMatchers.FORK_JOIN_POOL);
  }

  @Override
  public Set<String> requiredTypeNames() {
    return Set.of(ExecutorMatchers.FORK_JOIN_POOL);
  }

  @Override
  public AgentBuilder.Transformer transformer() {
    return Advices.transformer()
        .advice(ExecutorMatchers.execute(), ExecuteAdvice.class.getName())
        .advice(
            ExecutorMatchers.submit().or(ExecutorMatchers.invokeAllOrAny()),
            SubmitAdvice.class.getName());
  }

  public static class ExecuteAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static int enter(
        @Advice.This ForkJoinPool pool,
        @Advice.Argument(value = 0, readOnly = false) Runnable task) {
      int depth = ExecutorBridge.FORK_JOIN_DEPTH.enter();
      if (depth == 0) {
        task = ExecutorBridge.onExecute(pool, task);
      }
      return depth;
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(
        @Advice.This ForkJoinPool pool, @Advice.Enter int depth, @Advice.Thrown Throwable thrown) {
      ExecutorBridge.onForkJoinExit(pool, depth, thrown);
    }
  }

  public static class SubmitAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static int enter(
        @Advice.This ForkJoinPool pool,
        @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC)
            Object task) {
      int depth = ExecutorBridge.FORK_JOIN_DEPTH.enter();
      if (depth == 0) {
        task = ExecutorBridge.onSubmit(pool, task);
      }
      return depth;
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(
        @Advice.This ForkJoinPool pool, @Advice.Enter int depth, @Advice.Thrown Throwable thrown) {
      ExecutorBridge.onForkJoinExit(pool, depth, thrown);
    }
  }
}
