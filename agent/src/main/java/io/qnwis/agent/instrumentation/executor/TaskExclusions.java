package io.qnwis.agent.instrumentation.executor;

import java.util.List;

/**
 * Tasks submitted to executors that are not the service's work, left unwrapped and unmeasured. The
 * answer is cached per class, so the check costs one lookup per submission.
 */
final class TaskExclusions {

  /** Class-name prefixes, each with why. */
  private static final List<String> PREFIXES =
      List.of(
          // a virtual thread's continuation, submitted to its carrier ForkJoinPool at each start
          // or unpark: the JVM's scheduling, not a task of the service (JDK 21+)
          "java.lang.VirtualThread");

  private static final ClassValue<Boolean> EXCLUDED =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          String name = type.getName();
          for (String prefix : PREFIXES) {
            if (name.startsWith(prefix)) {
              return true;
            }
          }
          return false;
        }
      };

  private TaskExclusions() {}

  static boolean excluded(Object task) {
    return EXCLUDED.get(task.getClass());
  }
}
