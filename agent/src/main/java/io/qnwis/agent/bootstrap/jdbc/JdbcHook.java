package io.qnwis.agent.bootstrap.jdbc;

/**
 * What JDBC advice calls, implemented in the agent's own loader. Parameters are typed {@code
 * Object} because {@code java.sql} lives in the platform loader, which bootstrap classes cannot
 * see. Implementations never throw.
 */
public interface JdbcHook {

  /** A statement was prepared (or a batch entry added) with this SQL text. */
  void sqlAttached(Object statement, String sql);

  /**
   * An outermost statement execution is about to start: applies the timeout policy and returns an
   * opaque description of the SQL (never null) that is handed back to {@link #afterExecute}.
   *
   * @param sql the SQL argument, or null when the statement was prepared with it
   */
  Object beforeExecute(Object statement, String sql);

  void afterExecute(Object sqlInfo, long startNanos, Throwable error);

  /** {@code Statement.close()} returned normally on {@code statement}. */
  void statementClosed(Object statement);

  /**
   * {@code Statement.setQueryTimeout} returned normally on {@code statement}; not reported for the
   * calls {@link #beforeExecute} makes itself.
   */
  void queryTimeoutSet(Object statement);

  /**
   * An outermost {@code DataSource.getConnection} returned {@code connection} (null if it failed
   * with {@code error}).
   */
  void connectionAcquired(Object dataSource, long startNanos, Object connection, Throwable error);

  /** {@code Connection.close()} is about to run on {@code connection}. */
  void connectionClosing(Object connection);
}
