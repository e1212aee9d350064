package io.qnwis.agent.instrumentation.executor;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.SynchronousQueue;
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
 * Answers are cached per class; the JDK's own pool and common queues need no lookup.
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
    Class<?> poolClass = pool.getClass();
    Class<?> queueClass = pool.getQueue().getClass();
    // The common case without a lookup: the JDK's own pool and queues.
    return (poolClass == ThreadPoolExecutor.class || POOL_CLASS_SAFE.get(poolClass))
        && (queueClass == LinkedBlockingQueue.class
            || queueClass == SynchronousQueue.class
            || queueClass == ArrayBlockingQueue.class
            || QUEUE_CLASS_SAFE.get(queueClass));
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
