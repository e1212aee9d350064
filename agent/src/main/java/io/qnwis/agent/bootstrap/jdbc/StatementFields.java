package io.qnwis.agent.bootstrap.jdbc;

/**
 * One field the agent adds, with these accessors, to each JDBC statement class that loads after it
 * started (the topmost class of its hierarchy implementing {@code java.sql.Statement}; subclasses
 * inherit it): what the agent knows about a statement then lives in the statement, with no lookup
 * and no allocation per statement. Statements of classes loaded before the agent (run-time attach:
 * a loaded class cannot gain fields) are tracked in a weak identity table instead.
 *
 * <p>One field, not one per value: a compressed reference often fits the padding at the end of a
 * statement object, so many statement classes do not grow at all; a second one would grow them by 8
 * bytes more often.
 *
 * <p>Here in the bootstrap bridge so that every statement's class loader sees it. The name carries
 * a {@code $} so that it cannot clash with a driver's own methods. The value is the agent's own
 * type, typed {@code Object} here.
 */
public interface StatementFields {

  /**
   * The statement's SQL and the timeout state the agent keeps for it, in one immutable, shared
   * object; null if none.
   */
  Object qnwis$state();

  void qnwis$state(Object state);
}
