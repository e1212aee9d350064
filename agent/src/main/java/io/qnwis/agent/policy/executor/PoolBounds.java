package io.qnwis.agent.policy.executor;

import java.util.concurrent.ThreadPoolExecutor;

/**
 * The executor pool-bounds policy (DESIGN.md section 6): a pool whose threads match an {@code
 * executor.pools} entry with {@code max_pool_size} gets its maximum size capped, and its core size
 * too when it is larger. The service's own sizes are remembered, so lifting the cap by a config
 * reload gives them back.
 */
public final class PoolBounds {

  /** No cap applies. */
  public static final int NONE = 0;

  private PoolBounds() {}

  /** Core and maximum sizes a pool gets. */
  public record Sizes(int core, int max) {}

  /** The sizes under {@code cap} ({@link #NONE}: the requested sizes). */
  public static Sizes bounded(int requestedCore, int requestedMax, int cap) {
    int max = cap > NONE ? Math.min(requestedMax, cap) : requestedMax;
    return new Sizes(Math.min(requestedCore, max), max);
  }

  /**
   * The size a {@code setCorePoolSize}/{@code setMaximumPoolSize} call may set under {@code cap}.
   */
  public static int bounded(int requested, int cap) {
    return cap > NONE && requested > cap ? cap : requested;
  }

  /**
   * Gives the pool these sizes, in the order the pool accepts (core never above max in between).
   * Returns whether anything changed.
   */
  public static boolean apply(ThreadPoolExecutor pool, Sizes sizes) {
    int core = pool.getCorePoolSize();
    int max = pool.getMaximumPoolSize();
    if (core == sizes.core() && max == sizes.max()) {
      return false;
    }
    if (sizes.max() >= core) {
      pool.setMaximumPoolSize(sizes.max());
      pool.setCorePoolSize(sizes.core());
    } else {
      pool.setCorePoolSize(sizes.core());
      pool.setMaximumPoolSize(sizes.max());
    }
    return true;
  }
}
