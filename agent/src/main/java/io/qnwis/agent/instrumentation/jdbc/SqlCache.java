package io.qnwis.agent.instrumentation.jdbc;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Normalizes each distinct SQL text once. Bounded twice: at most {@code maxEntries} texts (when
 * full it starts over, which only costs re-normalizing), and texts longer than {@link
 * #MAX_CACHED_LENGTH} are not kept at all, so a service that inlines literals into huge statements
 * cannot make the agent hold them.
 */
final class SqlCache {

  static final int MAX_CACHED_LENGTH = 16 * 1024;

  private final ConcurrentHashMap<String, SqlInfo> byText = new ConcurrentHashMap<>();
  private final int maxEntries;
  private final QueryStatsTable stats;

  SqlCache(int maxEntries, QueryStatsTable stats) {
    this.maxEntries = maxEntries;
    this.stats = stats;
  }

  SqlInfo get(String sql) {
    SqlInfo info = byText.get(sql);
    if (info != null) {
      return info;
    }
    info = create(sql);
    if (sql.length() <= MAX_CACHED_LENGTH) {
      if (byText.size() >= maxEntries) {
        byText.clear();
      }
      SqlInfo raced = byText.putIfAbsent(sql, info);
      return raced != null ? raced : info;
    }
    return info;
  }

  int size() {
    return byText.size();
  }

  private SqlInfo create(String sql) {
    String normalized = SqlNormalizer.normalize(sql);
    SqlOperation operation = SqlOperation.classify(normalized);
    return new SqlInfo(normalized, operation, stats.statsFor(normalized, operation));
  }
}
