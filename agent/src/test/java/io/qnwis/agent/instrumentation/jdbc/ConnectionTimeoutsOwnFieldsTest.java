package io.qnwis.agent.instrumentation.jdbc;

import io.qnwis.agent.bootstrap.jdbc.StatementFields;
import java.sql.Statement;

/**
 * {@link ConnectionTimeoutsTest}'s scenarios with statements that carry {@link StatementFields}.
 */
class ConnectionTimeoutsOwnFieldsTest extends ConnectionTimeoutsTest {

  @Override
  <T extends Statement> T asSeen(Class<T> type, T statement) {
    return withFields(type, statement);
  }
}
