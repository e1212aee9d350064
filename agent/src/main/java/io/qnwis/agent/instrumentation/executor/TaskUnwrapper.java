package io.qnwis.agent.instrumentation.executor;

import io.qnwis.agent.bootstrap.executor.TrackedCallable;
import io.qnwis.agent.bootstrap.executor.TrackedRunnable;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
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

  private static volatile boolean opened;

  private static final ClassValue<Field> FUNCTION =
      new ClassValue<>() {
        @Override
        protected Field computeValue(Class<?> type) {
          return functionField(type);
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
      Object next;
      if (current instanceof TrackedCallable) {
        next = ((TrackedCallable<?>) current).delegate();
      } else if (!opened) {
        break;
      } else if (current instanceof FutureTask) {
        next = Common.callable(current);
      } else if (current.getClass() == Common.RUNNABLE_ADAPTER) {
        next = Common.adapted(current);
      } else if (current instanceof CompletableFuture.AsynchronousCompletionTask) {
        next = function(current);
      } else {
        break;
      }
      if (next == null) {
        break;
      }
      current = next;
    }
    return current.getClass();
  }

  /**
   * The two fields nearly every task is found through ({@code submit}: a FutureTask's callable, for
   * a Runnable an {@code Executors.callable} adapter's task), read through constant VarHandles: as
   * cheap as a field read. Initialized on first use, which is after {@link #open}.
   */
  private static final class Common {
    static final Class<?> RUNNABLE_ADAPTER = Executors.callable(() -> {}).getClass();
    private static final VarHandle CALLABLE = handle(FutureTask.class, "callable", Callable.class);
    private static final VarHandle ADAPTED = handle(RUNNABLE_ADAPTER, "task", Runnable.class);

    static Object callable(Object futureTask) {
      return CALLABLE == null ? null : CALLABLE.get(futureTask);
    }

    static Object adapted(Object adapter) {
      return ADAPTED == null ? null : ADAPTED.get(adapter);
    }

    private static VarHandle handle(Class<?> owner, String name, Class<?> type) {
      try {
        return MethodHandles.privateLookupIn(owner, MethodHandles.lookup())
            .findVarHandle(owner, name, type);
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null; // a JDK without the field: the wrapper itself names the task
      }
    }
  }

  /** The function of a CompletableFuture async stage ({@code AsyncSupply.fn}, ...), or null. */
  private static Object function(Object stage) {
    Field fn = FUNCTION.get(stage.getClass());
    if (fn == null) {
      return null;
    }
    try {
      return fn.get(stage);
    } catch (IllegalAccessException | RuntimeException e) {
      return null;
    }
  }

  private static Field functionField(Class<?> type) {
    if (!type.getName().startsWith(CompletableFuture.class.getName() + "$")) {
      return null; // a service's own class may implement the marker interface
    }
    try {
      for (Field field : type.getDeclaredFields()) {
        if (field.getName().equals("fn")) {
          field.setAccessible(true);
          return field;
        }
      }
    } catch (RuntimeException e) {
      // a JDK without the field: the stage itself names the task
    }
    return null;
  }
}
