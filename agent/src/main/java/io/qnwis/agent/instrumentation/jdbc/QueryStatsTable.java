package io.qnwis.agent.instrumentation.jdbc;

import io.qnwis.agent.endpoint.JsonWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Statistics per normalized statement behind {@code /queries}. Bounded: once {@code maxStatements}
 * distinct statements are tracked, further ones share one overflow entry, so a service generating
 * endless distinct SQL cannot grow it.
 */
final class QueryStatsTable {

  static final String OVERFLOW_SQL = "(other statements: table full)";

  private final ConcurrentHashMap<String, QueryStats> bySql = new ConcurrentHashMap<>();
  private final int maxStatements;
  private final QueryStats overflow = new QueryStats(OVERFLOW_SQL, SqlOperation.OTHER);

  QueryStatsTable(int maxStatements) {
    this.maxStatements = maxStatements;
  }

  QueryStats statsFor(String normalizedSql, SqlOperation operation) {
    QueryStats existing = bySql.get(normalizedSql);
    if (existing != null) {
      return existing;
    }
    synchronized (this) {
      if (bySql.size() >= maxStatements) {
        return bySql.getOrDefault(normalizedSql, overflow);
      }
      return bySql.computeIfAbsent(normalizedSql, sql -> new QueryStats(sql, operation));
    }
  }

  /** The top {@code limit} statements by total time, as the {@code /queries} document. */
  String toJson(int limit) {
    List<QueryStats> all = new ArrayList<>(bySql.values());
    if (overflow.count() > 0) {
      all.add(overflow);
    }
    all.sort(Comparator.comparingLong(QueryStats::totalNanos).reversed());
    JsonWriter json = new JsonWriter().beginObject();
    json.field("tracked_statements", bySql.size()).field("max_statements", maxStatements);
    json.name("statements").beginArray();
    for (int i = 0; i < all.size() && i < limit; i++) {
      QueryStats stats = all.get(i);
      long count = stats.count();
      json.beginObject()
          .field("sql", stats.sql())
          .field("operation", stats.operation().label())
          .field("count", count)
          .field("total_seconds", seconds(stats.totalNanos()))
          .field("mean_seconds", count == 0 ? 0 : seconds(stats.totalNanos()) / count)
          .field("max_seconds", seconds(stats.maxNanos()))
          .field("p95_seconds", seconds(stats.p95Nanos()))
          .endObject();
    }
    return json.endArray().endObject().toString();
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
