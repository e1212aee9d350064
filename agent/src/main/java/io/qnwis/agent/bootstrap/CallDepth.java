package io.qnwis.agent.bootstrap;

/**
 * Per-thread nesting depth of intercepted calls of one kind. Wrappers delegate to what they wrap (a
 * pool's statement proxy to the driver's statement, an executor to another executor), and both are
 * instrumented: only the outermost call (depth 0) is measured, so each call counts once.
 */
public final class CallDepth {

  private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

  /** Enters one level; returns the depth before entering (0 for the outermost call). */
  public int enter() {
    return depth.get()[0]++;
  }

  /** Leaves the level entered by the matching {@link #enter()}. */
  public void exit() {
    int[] current = depth.get();
    if (current[0] > 0) {
      current[0]--;
    }
  }
}
