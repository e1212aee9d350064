package io.qnwis.agent.instrumentation.jdbc;

import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.qnwis.agent.metrics.AgentMetrics;

/**
 * Connection acquisition per {@code javax.sql.DataSource}: each data source is named once (a
 * HikariCP pool by its pool name, any other data source by its class's simple name) and its
 * histogram data point kept beside it in a weak identity table, so the hot path is one lookup.
 */
final class ConnectionPools {

  /** Beyond this many live data sources the oldest are forgotten (and named again when used). */
  static final int MAX_DATA_SOURCES = 256;

  private static final class TrackedPool extends WeakIdentityTable.Entry {
    final DistributionDataPoint acquire;

    TrackedPool(Object dataSource, DistributionDataPoint acquire) {
      super(dataSource);
      this.acquire = acquire;
    }
  }

  private final WeakIdentityTable<TrackedPool> sources = new WeakIdentityTable<>(MAX_DATA_SOURCES);
  private final JdbcMetrics metrics;
  private final HikariPools hikari;

  ConnectionPools(JdbcMetrics metrics, AgentMetrics agentMetrics) {
    this.metrics = metrics;
    this.hikari = new HikariPools(agentMetrics);
  }

  void acquired(Object dataSource, long nanos) throws ReflectiveOperationException {
    TrackedPool pool = sources.get(dataSource);
    if (pool == null) {
      pool = track(dataSource);
    }
    pool.acquire.observe(nanos / 1e9);
  }

  HikariPools hikari() {
    return hikari;
  }

  private TrackedPool track(Object dataSource) throws ReflectiveOperationException {
    Class<?> type = dataSource.getClass();
    if (!HikariPools.isHikari(type)) {
      return sources.put(new TrackedPool(dataSource, metrics.poolAcquire(type.getSimpleName())));
    }
    String name = HikariPools.poolName(dataSource);
    if (name == null) {
      // Not started yet (its first getConnection failed): report it without remembering it, so
      // the pool's real name is picked up once it has one.
      return new TrackedPool(dataSource, metrics.poolAcquire(type.getSimpleName()));
    }
    hikari.register(dataSource, name);
    return sources.put(new TrackedPool(dataSource, metrics.poolAcquire(name)));
  }
}
