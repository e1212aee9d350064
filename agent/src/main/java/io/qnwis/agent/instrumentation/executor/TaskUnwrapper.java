package io.qnwis.agent.instrumentation.executor;

import io.qnwis.agent.bootstrap.executor.TrackedCallable;
import io.qnwis.agent.bootstrap.executor.TrackedRunnable;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.FutureTask;

/**
 * Finds the task the service submitted inside the JDK's own wrappers: a {@code FutureTask}'s
 * callable (submit, invokeAll, invokeAny, schedule), the Runnable of {@code Executors.callable},
 * the function of a {@code CompletableFuture} async stage ({@code AsyncSupply.fn}, {@code
 * UniApply.fn}, ...). Those fields are private to {@code java.util.concurrent}, which {@link #open}
 * opens to the agent alone (the service's own access is unchanged).
 */
final class TaskUnwrapper {

  /** FutureTask over RunnableAdapter over FutureTask (ExecutorCompletionService) is three. */
  private static final int MAX_DEPTH = 6;

  private static final String CONCURRENT = "java.util.concurrent.";

  private static volatile boolean opened;

  private static final ClassValue<Field> INNER =
      new ClassValue<>() {
        @Override
        protected Field computeValue(Class<?> type) {
          return opened ? innerField(type) : null;
        }
      };

  private TaskUnwrapper() {}

  /** Opens {@code java.util.concurrent} to the agent's module so the fields above can be read. */
  static void open(Instrumentation instrumentation) {
    if (instrumentation != null) {
      instrumentation.redefineModule(
          Object.class.getModule(),
          Set.of(),
          Map.of(),
          Map.of("java.util.concurrent", Set.of(TaskUnwrapper.class.getModule())),
          Set.of(),
          Map.of());
    }
    opened = true;
  }

  /** The class that names {@code task}: the innermost task the JDK wrappers hold. */
  static Class<?> taskClass(Object task) {
    Object current = task;
    for (int i = 0; i < MAX_DEPTH; i++) {
      if (current instanceof TrackedRunnable) {
        return ((TrackedRunnable) current).taskClass();
      }
      if (current instanceof TrackedCallable) {
        current = ((TrackedCallable<?>) current).delegate();
        continue;
      }
      Field inner = INNER.get(current.getClass());
      if (inner == null) {
        break;
      }
      Object next;
      try {
        next = inner.get(current);
      } catch (IllegalAccessException | RuntimeException e) {
        break;
      }
      if (next == null) {
        break;
      }
      current = next;
    }
    return current.getClass();
  }

  private static Field innerField(Class<?> type) {
    try {
      if (FutureTask.class.isAssignableFrom(type)) {
        return accessible(FutureTask.class.getDeclaredField("callable"));
      }
      String name = type.getName();
      if (name.equals(CONCURRENT + "Executors$RunnableAdapter")) {
        return accessible(type.getDeclaredField("task"));
      }
      if (name.startsWith(CONCURRENT + "CompletableFuture$")) {
        for (Field field : type.getDeclaredFields()) {
          if (field.getName().equals("fn")) {
            return accessible(field);
          }
        }
      }
    } catch (NoSuchFieldException | RuntimeException e) {
      // a JDK without the field: the wrapper itself names the task
    }
    return null;
  }

  private static Field accessible(Field field) {
    field.setAccessible(true);
    return field;
  }
}
