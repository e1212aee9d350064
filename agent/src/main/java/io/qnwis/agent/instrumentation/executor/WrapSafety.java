package io.qnwis.agent.instrumentation.executor;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Whether a ThreadPoolExecutor's tasks may be wrapped without the service noticing. Two kinds of
 * pool see the queued objects themselves, and get their tasks unwrapped (unmeasured) rather than
 * risk a ClassCastException in service code:
 *
 * <ul>
 *   <li>a subclass overriding {@code beforeExecute} or {@code afterExecute}: the worker passes them
 *       the queued object, which code may cast to its own task type;
 *   <li>a queue that is not one of the JDK's FIFO queues: a {@code PriorityBlockingQueue} compares
 *       its elements (the wrapper is not {@code Comparable}), a queue of the service's own may
 *       inspect them.
 * </ul>
 *
 * Answers are cached per class: the check is two lookups per submission.
 */
final class WrapSafety {

  private static final ClassValue<Boolean> POOL_CLASS_SAFE =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          for (Class<?> c = type;
              c != ThreadPoolExecutor.class && c != null;
              c = c.getSuperclass()) {
            if (declares(c, "beforeExecute", Thread.class, Runnable.class)
                || declares(c, "afterExecute", Runnable.class, Throwable.class)) {
              return false;
            }
          }
          return true;
        }
      };

  private static final ClassValue<Boolean> QUEUE_CLASS_SAFE =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          return type.getName().startsWith("java.util.concurrent.")
              && !PriorityBlockingQueue.class.isAssignableFrom(type);
        }
      };

  private WrapSafety() {}

  static boolean canWrap(ThreadPoolExecutor pool) {
    BlockingQueue<Runnable> queue = pool.getQueue();
    return POOL_CLASS_SAFE.get(pool.getClass()) && QUEUE_CLASS_SAFE.get(queue.getClass());
  }

  private static boolean declares(Class<?> type, String name, Class<?>... parameters) {
    try {
      type.getDeclaredMethod(name, parameters);
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
