package io.qnwis.agent.instrumentation.executor;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.qnwis.agent.bootstrap.executor.ExecutorBridge;
import io.qnwis.agent.instrumentation.Advices;
import io.qnwis.agent.instrumentation.TypeInstrumentation;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * {@code java.util.concurrent.AbstractExecutorService}. Intercepts {@code newTaskFor(Callable)} and
 * {@code newTaskFor(Runnable, T)}, which {@code submit}, {@code invokeAll} and {@code invokeAny}
 * call for the future they queue: for a ThreadPoolExecutor it returns a {@code TimedFutureTask} (a
 * FutureTask that also holds its creation time) in place of the JDK's FutureTask, so the submission
 * time reaches the run without a wrapper. Pools that override {@code newTaskFor} without calling it
 * keep their own futures, which {@code execute} then wraps.
 */
final class AbstractExecutorServiceInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return ElementMatchers.isBootstrapClassLoader();
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(ExecutorMatchers.ABSTRACT_EXECUTOR_SERVICE);
  }

  @Override
  public Set<String> requiredTypeNames() {
    return Set.of(ExecutorMatchers.ABSTRACT_EXECUTOR_SERVICE);
  }

  @Override
  public AgentBuilder.Transformer transformer() {
    return Advices.transformer()
        .advice(
            named("newTaskFor").and(takesArguments(Callable.class)),
            NewTaskForCallableAdvice.class.getName())
        .advice(
            named("newTaskFor").and(takesArguments(Runnable.class, Object.class)),
            NewTaskForRunnableAdvice.class.getName());
  }

  public static class NewTaskForCallableAdvice {
    /** A non-null future replaces the JDK's: the method body is skipped. */
    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static Object enter(
        @Advice.This AbstractExecutorService pool, @Advice.Argument(0) Callable<?> task) {
      return ExecutorBridge.newTaskFor(pool, task);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(
        @Advice.Enter Object timed,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object future) {
      if (timed != null) {
        future = timed;
      }
    }
  }

  public static class NewTaskForRunnableAdvice {
    /** A non-null future replaces the JDK's: the method body is skipped. */
    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static Object enter(
        @Advice.This AbstractExecutorService pool,
        @Advice.Argument(0) Runnable task,
        @Advice.Argument(1) Object value) {
      return ExecutorBridge.newTaskFor(pool, task, value);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(
        @Advice.Enter Object timed,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object future) {
      if (timed != null) {
        future = timed;
      }
    }
  }
}
