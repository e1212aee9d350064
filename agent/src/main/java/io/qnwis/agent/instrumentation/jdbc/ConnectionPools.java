package io.qnwis.agent.instrumentation.jdbc;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.qnwis.agent.metrics.AgentMetrics;
import io.qnwis.agent.metrics.LabelValues;
import io.qnwis.agent.metrics.MetricNames;
import io.qnwis.agent.metrics.NanosHistogram;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Connection acquisition and use per {@code javax.sql.DataSource}. Each data source is named once
 * (a HikariCP pool by its pool name, any other by its class's simple name) and its histogram data
 * point kept beside it in a weak identity table: the hot path compares with the last pool used,
 * else looks it up once.
 *
 * <p>Connections in use: HikariCP pools report theirs (with idle, pending, max) through {@link
 * HikariPools}. For any other data source the agent counts the connections it handed out and their
 * {@code close()}: each returned connection is remembered (weakly) with its pool and counted down
 * once when closed. A connection dropped without {@code close()} stays counted, which is what "in
 * use" means to the database.
 */
final class ConnectionPools {

  /** Beyond this many live data sources the oldest are forgotten (and named again when used). */
  static final int MAX_DATA_SOURCES = 256;

  static final int MAX_OPEN_CONNECTIONS = 4_096;

  private static final class TrackedPool extends WeakIdentityTable.Entry {
    final NanosHistogram.Series acquire;
    final AtomicLong inUse; // null for HikariCP: its pool knows

    TrackedPool(Object dataSource, NanosHistogram.Series acquire, AtomicLong inUse) {
      super(dataSource);
      this.acquire = acquire;
      this.inUse = inUse;
    }
  }

  private static final class TrackedConnection extends WeakIdentityTable.Entry {
    final AtomicLong inUse;
    final AtomicBoolean open = new AtomicBoolean(true);

    TrackedConnection(Object connection, AtomicLong inUse) {
      super(connection);
      this.inUse = inUse;
    }
  }

  private final WeakIdentityTable<TrackedPool> sources = new WeakIdentityTable<>(MAX_DATA_SOURCES);
  private final WeakIdentityTable<TrackedConnection> connections =
      new WeakIdentityTable<>(MAX_OPEN_CONNECTIONS);

  /**
   * Whether any connection was ever tracked: until then (a service on HikariCP alone) a {@code
   * close()} is no lookup, which would compute the identity hash of each new pooled connection.
   */
  private volatile boolean tracksConnections;

  /**
   * The pool of the last acquisition, checked before the table: most services have one pool, and
   * the check is one load where the lookup hashes and probes. Racy by design (a stale one costs a
   * lookup); it holds its data source weakly, as the table does.
   */
  private TrackedPool lastPool;

  private final Map<String, AtomicLong> inUseByName = new ConcurrentHashMap<>();
  private final LabelValues<AtomicLong> inUse;
  private final JdbcMetrics metrics;
  private final HikariPools hikari;

  ConnectionPools(JdbcMetrics metrics, AgentMetrics agentMetrics) {
    this.metrics = metrics;
    this.hikari = new HikariPools(agentMetrics);
    this.inUse =
        agentMetrics.capped(name -> inUseByName.computeIfAbsent(name, n -> new AtomicLong()));
    GaugeWithCallback.builder()
        .name(MetricNames.DB_POOL_CONNECTIONS)
        .help(
            "Connections by pool and state: active (in use) for any data source; idle, pending"
                + " (threads waiting) and max for HikariCP")
        .labelNames("pool", "state")
        .callback(this::report)
        .register(agentMetrics.registry());
  }

  void acquired(Object dataSource, long nanos, Object connection)
      throws ReflectiveOperationException {
    TrackedPool pool = lastPool;
    if (pool == null || pool.get() != dataSource) {
      pool = sources.get(dataSource);
      if (pool == null) {
        pool = track(dataSource);
      }
      lastPool = pool;
    }
    pool.acquire.observe(nanos);
    if (pool.inUse != null && connection != null) {
      pool.inUse.incrementAndGet();
      if (!tracksConnections) {
        tracksConnections = true;
      }
      connections.put(new TrackedConnection(connection, pool.inUse));
    }
  }

  void closing(Object connection) {
    if (!tracksConnections) {
      return;
    }
    TrackedConnection tracked = connections.get(connection);
    if (tracked != null && tracked.open.compareAndSet(true, false)) {
      tracked.inUse.decrementAndGet();
    }
  }

  private TrackedPool track(Object dataSource) throws ReflectiveOperationException {
    Class<?> type = dataSource.getClass();
    if (!HikariPools.isHikari(type)) {
      String name = type.getSimpleName();
      return sources.put(new TrackedPool(dataSource, metrics.poolAcquire(name), inUse.get(name)));
    }
    String name = HikariPools.poolName(dataSource);
    if (name == null) {
      // Not started yet (its first getConnection failed): report it without remembering it, so
      // the pool's real name is picked up once it has one.
      return new TrackedPool(dataSource, metrics.poolAcquire(type.getSimpleName()), null);
    }
    hikari.register(dataSource, name);
    return sources.put(new TrackedPool(dataSource, metrics.poolAcquire(name), null));
  }

  private void report(GaugeWithCallback.Callback callback) {
    Set<String> reported = new HashSet<>();
    hikari.report(callback, reported);
    inUseByName.forEach(
        (name, count) -> {
          if (reported.add(name)) {
            callback.call(count.get(), name, "active");
          }
        });
  }
}
