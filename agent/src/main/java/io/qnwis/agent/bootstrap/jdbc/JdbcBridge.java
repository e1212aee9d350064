package io.qnwis.agent.bootstrap.jdbc;

/**
 * The static entry points JDBC advice calls. Drivers and pools live in any class loader, so advice
 * can only rely on this bootstrap class; it holds the agent's {@link JdbcHook} and each thread's
 * {@link Calls}.
 */
public final class JdbcBridge {

  /**
   * What one thread is inside of. Pools wrap the driver's objects in proxies that delegate to them
   * (HikariProxyPreparedStatement -> PgPreparedStatement; a wrapping DataSource -> the pool's), and
   * both sides are instrumented. Depth counters let only the outermost call be measured, so one
   * call from the service counts once however many wrappers it passes through.
   *
   * <p>One object per thread, looked up once on entry and handed to the exit advice, so each
   * intercepted call costs one thread-local lookup and no allocation.
   */
  static final class Calls {
    int statementDepth;
    int acquireDepth;
    // The service executes the statement the outermost prepareStatement returned to it, and that
    // execution is the outermost one, so only that statement's SQL needs remembering.
    int prepareDepth;
    Object sqlInfo;
    long executeStart;
    // Inside the hook's beforeExecute: a setQueryTimeout now is the policy's own, which the hook
    // accounts for itself, so its advice (on the pool's proxy and on the driver's statement) is
    // spared the lookups.
    boolean applyingPolicy;
    long acquireStart;

    Calls() {}
  }

  private static final ThreadLocal<Calls> CALLS = ThreadLocal.withInitial(Calls::new);

  private static volatile JdbcHook hook;

  private JdbcBridge() {}

  public static void install(JdbcHook implementation) {
    hook = implementation;
  }

  /** Enters Connection.prepareStatement/prepareCall; pass the result to {@link #prepareEnd}. */
  public static Object prepareStart() {
    Calls calls = CALLS.get();
    calls.prepareDepth++;
    return calls;
  }

  /** Leaves prepareStatement/prepareCall, which returned {@code statement} for {@code sql}. */
  public static void prepareEnd(Object calls, Object statement, String sql) {
    if (calls instanceof Calls c && --c.prepareDepth == 0) {
      sqlAttached(statement, sql);
    }
  }

  /** {@code statement} will run {@code sql} (prepared with it, or added to its batch). */
  public static void sqlAttached(Object statement, String sql) {
    JdbcHook current = hook;
    if (current != null && statement != null && sql != null) {
      current.sqlAttached(statement, sql);
    }
  }

  /**
   * Enters a statement execution; for the outermost one, asks the hook for the SQL description and
   * starts the clock. Pass the result to {@link #executeEnd}.
   */
  public static Object executeStart(Object statement, String sql) {
    Calls calls = CALLS.get();
    if (calls.statementDepth++ == 0) {
      JdbcHook current = hook;
      if (current != null) {
        calls.applyingPolicy = true;
        calls.sqlInfo = current.beforeExecute(statement, sql);
        calls.applyingPolicy = false;
      }
      calls.executeStart = System.nanoTime();
    }
    return calls;
  }

  public static void executeEnd(Object calls, Throwable error) {
    if (calls instanceof Calls c && --c.statementDepth == 0) {
      Object sqlInfo = c.sqlInfo;
      JdbcHook current = hook;
      if (sqlInfo != null && current != null) {
        c.sqlInfo = null;
        current.afterExecute(sqlInfo, c.executeStart, error);
      }
    }
  }

  public static void statementClosed(Object statement) {
    JdbcHook current = hook;
    if (current != null) {
      current.statementClosed(statement);
    }
  }

  public static void queryTimeoutSet(Object statement) {
    JdbcHook current = hook;
    if (current != null && !CALLS.get().applyingPolicy) {
      current.queryTimeoutSet(statement);
    }
  }

  /** Enters DataSource.getConnection; pass the result to {@link #acquireEnd}. */
  public static Object acquireStart() {
    Calls calls = CALLS.get();
    if (calls.acquireDepth++ == 0) {
      calls.acquireStart = System.nanoTime();
    }
    return calls;
  }

  public static void acquireEnd(
      Object calls, Object dataSource, Object connection, Throwable error) {
    if (calls instanceof Calls c && --c.acquireDepth == 0) {
      JdbcHook current = hook;
      if (current != null) {
        current.connectionAcquired(dataSource, c.acquireStart, connection, error);
      }
    }
  }

  public static void connectionClosing(Object connection) {
    JdbcHook current = hook;
    if (current != null) {
      current.connectionClosing(connection);
    }
  }
}
