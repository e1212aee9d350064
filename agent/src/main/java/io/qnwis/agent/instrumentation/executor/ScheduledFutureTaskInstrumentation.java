package io.qnwis.agent.instrumentation.executor;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.qnwis.agent.bootstrap.executor.ExecutorBridge;
import io.qnwis.agent.instrumentation.Advices;
import io.qnwis.agent.instrumentation.TypeInstrumentation;
import java.util.Set;
import java.util.concurrent.Executor;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * {@code ScheduledThreadPoolExecutor$ScheduledFutureTask}, the task every {@code schedule}, {@code
 * execute} and {@code submit} of a ScheduledThreadPoolExecutor queues. Intercepts {@code run()}:
 * one-shot tasks are measured (queue wait is how late the task starts after its due time, which for
 * execute and submit is its submission); periodic tasks are not. The task needs no wrapper: it
 * knows its due time ({@code getDelay}) and its pool (the inner class's enclosing instance).
 */
final class ScheduledFutureTaskInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return ElementMatchers.isBootstrapClassLoader();
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(ExecutorMatchers.SCHEDULED_FUTURE_TASK);
  }

  @Override
  public Set<String> requiredTypeNames() {
    return Set.of(ExecutorMatchers.SCHEDULED_FUTURE_TASK);
  }

  @Override
  public AgentBuilder.Transformer transformer() {
    return Advices.transformer()
        .advice(named("run").and(isPublic()).and(takesArguments(0)), RunAdvice.class.getName());
  }

  public static class RunAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@Advice.This Runnable task, @Advice.FieldValue("this$0") Executor pool) {
      return ExecutorBridge.scheduledStart(pool, task);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object scope) {
      ExecutorBridge.scheduledEnd(scope);
    }
  }
}
