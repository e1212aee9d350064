package io.qnwis.agent.bootstrap.lettuce;

/**
 * What Lettuce advice calls. It lives on the bootstrap class path so that advice woven into Lettuce
 * classes (in whatever loader the service uses) can reach it, and it uses JDK types only: Lettuce
 * objects travel as {@link Object}. The agent installs its {@link Hooks} at start-up; until then
 * (and if the module is disabled) every call is a no-op.
 */
public final class LettuceBridge {

  /** The agent side of the bridge (implemented in the agent's own loader). */
  public interface Hooks {
    /**
     * A command is handed to a connection; {@code command} is the innermost, unwrapped one, {@code
     * dispatched} what the caller holds, {@code type} its {@code ProtocolKeyword}.
     */
    void dispatched(Object command, Object dispatched, Object type);

    /**
     * The command completes with a reply that is not an error: {@code output} is its {@code
     * CommandOutput}, {@code args} its {@code CommandArgs}, {@code reply} what {@code output} holds
     * (null for nil) or {@link #UNREAD} where reading it could cost (an output that builds its
     * result). The advice reads these with plain calls, cheaper than the agent's reflective ones.
     */
    void replied(Object command, Object type, Object output, Object args, Object reply);

    /**
     * The command fails: {@code error} is {@link #ERROR_REPLY} for a Redis error reply, {@link
     * #CANCELLED} for a cancellation, else what failed it (also when {@code dispatch} threw, so
     * that it will not complete through Lettuce).
     */
    void completed(Object command, Object type, Object output, Throwable error);

    /**
     * A multi-value output ({@code output}) receives one element of its reply; {@code present} is
     * false for nil. Streaming replies (reactive, channels) are seen only here, never as a list.
     */
    void element(Object output, boolean present);

    /**
     * The TTL a write to {@code key} gets: {@code serviceTtl} (in {@code millisUnit ? ms : s},
     * {@link #NO_TTL} for none) if the region passes it through, else the region's TTL in the same
     * unit. {@code value} is null for EXPIRE-style writes.
     */
    long writeTtl(Object key, Object value, long serviceTtl, boolean millisUnit);

    /** The SetArgs a SET should use: the service's own, or a rewritten copy of it. */
    Object setArgs(Object key, Object value, Object setArgs);
  }

  /** {@link Hooks#writeTtl} for a write without a TTL of its own (a plain SET). */
  public static final long NO_TTL = Long.MIN_VALUE;

  /** What {@link Hooks#replied} gets for a reply the advice did not read. */
  public static final Object UNREAD = new Object();

  /** What {@link #completed} gets for a cancelled command (shared: cancelling is not an error). */
  public static final Throwable CANCELLED =
      new java.util.concurrent.CancellationException("command cancelled");

  /**
   * What {@link #completed} gets for a command whose reply is a Redis error (shared; the service
   * gets Lettuce's own exception for it).
   */
  public static final Throwable ERROR_REPLY = new IllegalStateException("Redis error reply");

  private static final Hooks NONE =
      new Hooks() {
        @Override
        public void dispatched(Object command, Object dispatched, Object type) {}

        @Override
        public void replied(
            Object command, Object type, Object output, Object args, Object reply) {}

        @Override
        public void completed(Object command, Object type, Object output, Throwable error) {}

        @Override
        public void element(Object output, boolean present) {}

        @Override
        public long writeTtl(Object key, Object value, long serviceTtl, boolean millisUnit) {
          return serviceTtl;
        }

        @Override
        public Object setArgs(Object key, Object value, Object setArgs) {
          return setArgs;
        }
      };

  private static volatile Hooks hooks = NONE;

  private LettuceBridge() {}

  public static void install(Hooks installed) {
    hooks = installed == null ? NONE : installed;
  }

  public static void dispatched(Object command, Object dispatched, Object type) {
    hooks.dispatched(command, dispatched, type);
  }

  public static void replied(
      Object command, Object type, Object output, Object args, Object reply) {
    hooks.replied(command, type, output, args, reply);
  }

  public static void completed(Object command, Object type, Object output, Throwable error) {
    hooks.completed(command, type, output, error);
  }

  public static void element(Object output, boolean present) {
    hooks.element(output, present);
  }

  public static long writeTtl(Object key, Object value, long serviceTtl, boolean millisUnit) {
    return hooks.writeTtl(key, value, serviceTtl, millisUnit);
  }

  public static Object setArgs(Object key, Object value, Object setArgs) {
    return hooks.setArgs(key, value, setArgs);
  }
}
