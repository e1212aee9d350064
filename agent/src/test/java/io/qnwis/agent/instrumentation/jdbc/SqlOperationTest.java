package io.qnwis.agent.instrumentation.jdbc;

import static io.qnwis.agent.instrumentation.jdbc.SqlOperation.classify;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlOperationTest {

  @Test
  void classifiesByLeadingVerbWhateverItsCase() {
    assertThat(classify("SELECT 1")).isEqualTo(SqlOperation.SELECT);
    assertThat(classify("insert into t values (?)")).isEqualTo(SqlOperation.INSERT);
    assertThat(classify("Update t set a = ?")).isEqualTo(SqlOperation.UPDATE);
    assertThat(classify("DELETE FROM t")).isEqualTo(SqlOperation.DELETE);
    assertThat(classify("CALL p(?)")).isEqualTo(SqlOperation.CALL);
    assertThat(classify("EXEC p ?")).isEqualTo(SqlOperation.CALL);
  }

  @Test
  void jdbcCallEscapesAreCalls() {
    assertThat(classify("{call add_one(?)}")).isEqualTo(SqlOperation.CALL);
    assertThat(classify("{? = call add_one(?)}")).isEqualTo(SqlOperation.CALL);
    assertThat(classify("{?=call f(?)}")).isEqualTo(SqlOperation.CALL);
  }

  @Test
  void parenthesizedQueriesAndValuesAreSelects() {
    assertThat(classify("(SELECT a FROM t) UNION (SELECT b FROM u)"))
        .isEqualTo(SqlOperation.SELECT);
    assertThat(classify("VALUES (?)")).isEqualTo(SqlOperation.SELECT);
  }

  @Test
  void withTakesTheVerbOfItsMainStatement() {
    assertThat(classify("WITH x AS (SELECT ? FROM t) SELECT * FROM x"))
        .isEqualTo(SqlOperation.SELECT);
    assertThat(classify("WITH RECURSIVE x AS (SELECT ?) INSERT INTO t SELECT * FROM x"))
        .isEqualTo(SqlOperation.INSERT);
    assertThat(
            classify("with d as (select id from t) delete from u where id in (select id from d)"))
        .isEqualTo(SqlOperation.DELETE);
  }

  @Test
  void everythingElseIsOther() {
    assertThat(classify("CREATE TABLE t (a int)")).isEqualTo(SqlOperation.OTHER);
    assertThat(classify("MERGE INTO t USING u ON ?")).isEqualTo(SqlOperation.OTHER);
    assertThat(classify("SELECTED")).isEqualTo(SqlOperation.OTHER);
    assertThat(classify("")).isEqualTo(SqlOperation.OTHER);
    assertThat(classify(null)).isEqualTo(SqlOperation.OTHER);
  }
}
