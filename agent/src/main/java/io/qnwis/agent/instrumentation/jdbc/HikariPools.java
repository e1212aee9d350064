package io.qnwis.agent.instrumentation.jdbc;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.qnwis.agent.metrics.AgentErrors;
import io.qnwis.agent.metrics.AgentMetrics;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code qnwis_db_pool_connections{pool,state}} for HikariCP pools, read at scrape time (never on
 * the service's hot path) through Hikari's own MXBean methods, which count without taking the
 * pool's locks. The agent's loader cannot see Hikari's classes, so the methods are resolved by
 * reflection from each pool's class and its loader. Pools are held weakly and dropped once closed
 * or collected; at most {@code maxPools} are reported.
 */
final class HikariPools {

  static final String DATA_SOURCE_CLASS = "com.zaxxer.hikari.HikariDataSource";
  private static final String POOL_MXBEAN_CLASS = "com.zaxxer.hikari.HikariPoolMXBean";

  private final List<Pool> pools = new CopyOnWriteArrayList<>();
  private final int maxPools;
  private final AgentErrors errors;

  HikariPools(AgentMetrics metrics) {
    this.maxPools = metrics.maxLabelValues();
    this.errors = metrics.errors();
  }

  static boolean isHikari(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c.getName().equals(DATA_SOURCE_CLASS)) {
        return true;
      }
    }
    return false;
  }

  /** The pool's name, or null if it has none yet (a lazily started pool before its first use). */
  static String poolName(Object dataSource) throws ReflectiveOperationException {
    return (String) dataSource.getClass().getMethod("getPoolName").invoke(dataSource);
  }

  /** Starts reporting this pool (once per name; a second pool with the same name is skipped). */
  synchronized void register(Object dataSource, String name) {
    pools.removeIf(pool -> pool.dataSource.get() == null);
    if (pools.size() >= maxPools) {
      return;
    }
    for (Pool pool : pools) {
      if (pool.name.equals(name)) {
        return;
      }
    }
    try {
      pools.add(new Pool(dataSource, name));
    } catch (ReflectiveOperationException | RuntimeException e) {
      errors.report("jdbc-pool", e);
    }
  }

  int size() {
    return pools.size();
  }

  /** Reports each live pool whose name is not in {@code reported} yet, and adds it there. */
  void report(GaugeWithCallback.Callback callback, Set<String> reported) {
    for (Pool pool : pools) {
      Object dataSource = pool.dataSource.get();
      try {
        if (dataSource == null || (Boolean) pool.isClosed.invoke(dataSource)) {
          pools.remove(pool);
          continue;
        }
        Object bean = pool.getPoolBean.invoke(dataSource);
        if (bean == null || !reported.add(pool.name)) {
          continue;
        }
        callback.call(number(pool.active.invoke(bean)), pool.name, "active");
        callback.call(number(pool.idle.invoke(bean)), pool.name, "idle");
        callback.call(number(pool.pending.invoke(bean)), pool.name, "pending");
        callback.call(number(pool.max.invoke(dataSource)), pool.name, "max");
      } catch (ReflectiveOperationException | RuntimeException e) {
        errors.report("jdbc-pool", e);
      }
    }
  }

  private static double number(Object value) {
    return value instanceof Number number ? number.doubleValue() : Double.NaN;
  }

  /** One pool and the Hikari methods to read it, resolved once from its class. */
  private static final class Pool {
    final WeakReference<Object> dataSource;
    final String name;
    final Method isClosed;
    final Method getPoolBean;
    final Method max;
    final Method active;
    final Method idle;
    final Method pending;

    Pool(Object source, String name) throws ReflectiveOperationException {
      this.dataSource = new WeakReference<>(source);
      this.name = name;
      Class<?> type = source.getClass();
      this.isClosed = type.getMethod("isClosed");
      this.getPoolBean = type.getMethod("getHikariPoolMXBean");
      this.max = type.getMethod("getMaximumPoolSize");
      Class<?> bean = Class.forName(POOL_MXBEAN_CLASS, false, type.getClassLoader());
      this.active = bean.getMethod("getActiveConnections");
      this.idle = bean.getMethod("getIdleConnections");
      this.pending = bean.getMethod("getThreadsAwaitingConnection");
    }
  }
}
