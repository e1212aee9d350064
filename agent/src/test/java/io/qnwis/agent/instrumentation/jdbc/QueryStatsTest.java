package io.qnwis.agent.instrumentation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryStatsTest {

  @Test
  void keepsCountTotalMaxAndAnUpperBoundForP95() {
    QueryStats stats = new QueryStats("SELECT ?", SqlOperation.SELECT);
    for (int i = 0; i < 95; i++) {
      stats.record(1_000_000); // 1 ms
    }
    for (int i = 0; i < 5; i++) {
      stats.record(100_000_000); // 100 ms
    }

    assertThat(stats.count()).isEqualTo(100);
    assertThat(stats.totalNanos()).isEqualTo(95 * 1_000_000L + 5 * 100_000_000L);
    assertThat(stats.maxNanos()).isEqualTo(100_000_000);
    assertThat(stats.p95Nanos()).isBetween(1_000_000L, 2_100_000L);
  }

  @Test
  void tableIsBoundedAndOverflowSharesOneEntry() {
    QueryStatsTable table = new QueryStatsTable(3);
    for (int i = 0; i < 10; i++) {
      table.statsFor("SELECT " + i, SqlOperation.SELECT).record(1000);
    }

    String json = table.toJson(50);
    assertThat(json).contains("\"tracked_statements\":3");
    assertThat(json).contains(QueryStatsTable.OVERFLOW_SQL);
    assertThat(json).contains("\"count\":7");
  }

  @Test
  void listsStatementsByTotalTimeDescending() {
    QueryStatsTable table = new QueryStatsTable(10);
    table.statsFor("SELECT cheap", SqlOperation.SELECT).record(1_000);
    table.statsFor("SELECT costly", SqlOperation.SELECT).record(9_000_000);

    String json = table.toJson(1);
    assertThat(json).contains("SELECT costly").doesNotContain("SELECT cheap");
  }
}
