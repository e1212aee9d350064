package io.qnwis.agent.instrumentation.executor;

import io.qnwis.agent.policy.executor.PoolBounds;

/**
 * What the agent knows of one pool. It never references the pool (the registry holds pools weakly),
 * so a pool the service drops can be collected. Fields other than {@link #series} are guarded by
 * the registry's lock.
 */
final class PoolEntry {

  /** The name of the first thread seen running a task of the pool; null until then. */
  String threadName;

  /** The pool's data points; null until named, and for the agent's own pools. */
  volatile ExecutorMetrics.Series series;

  /** The service's own sizes (what it constructed or last set), before any cap; -1: unknown. */
  int requestedCore = -1;

  int requestedMax = -1;

  /** The max_pool_size in force for the pool, or {@link PoolBounds#NONE}. */
  int cap = PoolBounds.NONE;

  /** Rejections before the pool was named (its first task may still be starting). */
  long pendingRejected;
}
