package io.qnwis.agent.bootstrap.jdbc;

/**
 * The static entry points JDBC advice calls. Drivers and pools live in any class loader, so advice
 * can only rely on this bootstrap class; it holds the agent's {@link JdbcHook} and the per-thread
 * call-depth guards.
 */
public final class JdbcBridge {

  /** Returned by {@link #acquireStart()} for a nested call, which is not measured. */
  public static final long NESTED = Long.MIN_VALUE;

  /*
   * Pools wrap the driver's objects in proxies that delegate to them (HikariProxyPreparedStatement
   * -> PgPreparedStatement; a wrapping DataSource -> the pool's), and both sides are
   * instrumented. A per-thread depth counter lets only the outermost call be measured, so one call
   * from the service counts once however many wrappers it passes through.
   */
  private static final io.qnwis.agent.bootstrap.CallDepth STATEMENT_DEPTH =
      new io.qnwis.agent.bootstrap.CallDepth();
  private static final io.qnwis.agent.bootstrap.CallDepth ACQUIRE_DEPTH =
      new io.qnwis.agent.bootstrap.CallDepth();
  // The service executes the statement the outermost prepareStatement returned to it, and that
  // execution is the outermost one, so only that statement's SQL needs remembering.
  private static final io.qnwis.agent.bootstrap.CallDepth PREPARE_DEPTH =
      new io.qnwis.agent.bootstrap.CallDepth();

  private static volatile JdbcHook hook;

  private JdbcBridge() {}

  public static void install(JdbcHook implementation) {
    hook = implementation;
  }

  /** Enters Connection.prepareStatement/prepareCall; true for the outermost call. */
  public static boolean prepareStart() {
    return PREPARE_DEPTH.enter() == 0;
  }

  /** Leaves prepareStatement/prepareCall, which returned {@code statement} for {@code sql}. */
  public static void prepareEnd(boolean outermost, Object statement, String sql) {
    PREPARE_DEPTH.exit();
    if (outermost) {
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
   * Enters a statement execution; returns the SQL description for the outermost call, null for a
   * nested one (or with no hook). Every call must be paired with {@link #executeEnd}.
   */
  public static Object executeStart(Object statement, String sql) {
    if (STATEMENT_DEPTH.enter() != 0) {
      return null;
    }
    JdbcHook current = hook;
    return current == null ? null : current.beforeExecute(statement, sql);
  }

  public static void executeEnd(Object sqlInfo, long startNanos, Throwable error) {
    STATEMENT_DEPTH.exit();
    if (sqlInfo != null) {
      JdbcHook current = hook;
      if (current != null) {
        current.afterExecute(sqlInfo, startNanos, error);
      }
    }
  }

  /** Enters DataSource.getConnection; returns the start time, or {@link #NESTED}. */
  public static long acquireStart() {
    if (ACQUIRE_DEPTH.enter() != 0) {
      return NESTED;
    }
    return System.nanoTime();
  }

  public static void acquireEnd(
      Object dataSource, long startNanos, Object connection, Throwable error) {
    ACQUIRE_DEPTH.exit();
    if (startNanos != NESTED) {
      JdbcHook current = hook;
      if (current != null) {
        current.connectionAcquired(dataSource, startNanos, connection, error);
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
