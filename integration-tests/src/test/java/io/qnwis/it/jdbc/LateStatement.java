package io.qnwis.it.jdbc;

import java.sql.Statement;

/**
 * A statement class {@link StatementFieldsService} loads only after the agent attached: woven as it
 * loads, it gains the agent's fields, which a later retransformation must keep.
 */
abstract class LateStatement implements Statement {}
