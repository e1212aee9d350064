package io.qnwis.agent.instrumentation.jdbc;

/**
 * What the agent knows about one statement, in one immutable object shared by every statement in
 * that state, so a statement's state changes by swapping the reference its single field (or its
 * table entry) holds, without allocation. A null state: nothing is known.
 *
 * <ul>
 *   <li>{@link #sql}: what the statement was prepared with (or last added to its batch); null if
 *       unknown.
 *   <li>{@link #origin}: the timeout decision under which the agent last set a timeout on the
 *       statement (it set {@code origin.seconds()}); null if the agent set none.
 *   <li>{@link #checked}: the agent found its timeout in force under {@code origin}, nothing having
 *       set the statement's timeout since, so an execution under the same decision need not ask the
 *       statement again. False: check again at the next execution.
 * </ul>
 *
 * <p>Instances come from {@link SqlInfo#plain()} (no timeout) and {@link SqlInfo.Timeout#state}
 * (one per decision, SQL and flag), so the set of states is bounded by the SQL texts and decisions
 * the agent caches.
 */
final class StatementState {

  final SqlInfo sql;
  final SqlInfo.Timeout origin;
  final boolean checked;

  StatementState(SqlInfo sql, SqlInfo.Timeout origin, boolean checked) {
    this.sql = sql;
    this.origin = origin;
    this.checked = checked;
  }

  /** The seconds the agent last set on a statement in {@code state} (0 if none). */
  static int setByAgent(StatementState state) {
    return state == null || state.origin == null ? 0 : state.origin.seconds();
  }

  /** {@code state} with its SQL replaced by {@code sql} (null: unknown), its timeout kept. */
  static StatementState withSql(StatementState state, SqlInfo sql) {
    if (state == null || state.origin == null) {
      return sql == null ? null : sql.plain();
    }
    return state.origin.state(sql, state.checked);
  }

  /** {@code state}'s SQL with the timeout state {@code origin} and {@code checked}. */
  static StatementState withTimeout(StatementState state, SqlInfo.Timeout origin, boolean checked) {
    SqlInfo sql = state == null ? null : state.sql;
    if (origin == null) {
      return sql == null ? null : sql.plain();
    }
    return origin.state(sql, checked);
  }
}
