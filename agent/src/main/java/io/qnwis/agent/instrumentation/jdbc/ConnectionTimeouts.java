package io.qnwis.agent.instrumentation.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The query timeout the agent last set through a statement of each driver connection. JDBC gives
 * each statement its own timeout, but some drivers (H2) keep one per connection: there a new
 * statement already shows the timeout the agent set for another statement of its connection, which
 * must not pass for the service's own (it would then stay in force, a rule's 5 s on a statement
 * whose rule says 30 s). A statement found under exactly what the agent last set on its connection
 * is how {@link JdbcCallScope} learns that its driver keeps timeouts per connection.
 *
 * <p>Keyed by the driver's connection, a pool's proxy unwrapped: HikariCP hands out a new proxy at
 * each borrow of the same connection. Held weakly and bounded like the other tables.
 */
final class ConnectionTimeouts {

  static final int MAX_CONNECTIONS = 4_096;

  private static final int MAX_UNWRAPS = 4;

  /** What the agent last set through a statement of one connection. */
  static final class SetByAgent extends WeakIdentityTable.Entry {
    private volatile int seconds;

    private SetByAgent(Object connection, int seconds) {
      super(connection);
      this.seconds = seconds;
    }
  }

  private final WeakIdentityTable<SetByAgent> table = new WeakIdentityTable<>(MAX_CONNECTIONS);

  private volatile boolean anySet;

  private volatile boolean perConnection;

  /**
   * The driver connection behind {@code statement} (pool proxies unwrapped), or null if unknown.
   */
  static Object connectionOf(Statement statement) {
    try {
      Connection connection = statement.getConnection();
      for (int i = 0; i < MAX_UNWRAPS && connection != null; i++) {
        Connection inner = connection.unwrap(Connection.class);
        if (inner == null || inner == connection) {
          break;
        }
        connection = inner;
      }
      return connection;
    } catch (SQLException | RuntimeException closedOrNotAWrapper) {
      return null; // unknown: the statement is then judged on its own, as before
    }
  }

  /** The agent's record for {@code connection}, or null if it set nothing through it. */
  SetByAgent record(Object connection) {
    return connection == null ? null : table.get(connection);
  }

  /** What {@code record} says the agent last set, 0 if nothing (or unset). */
  static int seconds(SetByAgent record) {
    return record == null ? 0 : record.seconds;
  }

  /**
   * The agent set {@code seconds} (0: took its timeout off) through a statement of {@code
   * connection}, whose {@link #record} is {@code entry} (null: none).
   */
  void agentSet(Object connection, SetByAgent entry, int seconds) {
    if (connection == null) {
      return;
    }
    if (!anySet) {
      anySet = true; // written once: a volatile write per call would cost a fence each
    }
    if (entry != null) {
      if (entry.seconds != seconds) {
        entry.seconds = seconds;
      }
    } else if (seconds != 0) {
      table.put(new SetByAgent(connection, seconds));
    }
  }

  /** The service set a timeout through a statement of it: what is in force now is its own. */
  void serviceSet(Object connection) {
    if (connection != null) {
      table.remove(connection);
    }
  }

  /** Whether the agent ever set a timeout (else no connection can carry one of its). */
  boolean anySet() {
    return anySet;
  }

  /** Whether a driver was seen keeping the timeout per connection. */
  boolean perConnection() {
    return perConnection;
  }

  /** A statement showed what the agent set through another statement of its connection. */
  void perConnectionSeen() {
    if (!perConnection) {
      perConnection = true;
    }
  }
}
