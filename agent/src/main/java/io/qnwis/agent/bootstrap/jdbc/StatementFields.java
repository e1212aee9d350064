package io.qnwis.agent.bootstrap.jdbc;

/**
 * Two fields the agent adds, with these accessors, to each JDBC statement class that loads after it
 * started (the topmost class of its hierarchy implementing {@code java.sql.Statement}; subclasses
 * inherit them): what the agent knows about a statement then lives in the statement, with no lookup
 * and no allocation per statement. Statements of classes loaded before the agent (run-time attach:
 * a loaded class cannot gain fields) are tracked in a weak identity table instead.
 *
 * <p>Here in the bootstrap bridge so that every statement's class loader sees it. The names carry a
 * {@code $} so that they cannot clash with a driver's own methods. Values are the agent's own
 * types, typed {@code Object} here.
 */
public interface StatementFields {

  /** The SQL the statement was prepared with (or last added to its batch); null if none. */
  Object qnwis$sql();

  void qnwis$sql(Object sql);

  /** The query timeout the agent set on the statement and last checked; null if none. */
  Object qnwis$timeout();

  void qnwis$timeout(Object timeout);
}
