package io.qnwis.agent.instrumentation.jdbc;

import io.qnwis.agent.AgentContext;
import io.qnwis.agent.bootstrap.jdbc.JdbcBridge;
import io.qnwis.agent.config.AgentConfig;
import io.qnwis.agent.instrumentation.InstrumentationModule;
import io.qnwis.agent.instrumentation.TypeInstrumentation;
import java.util.List;

/**
 * JDBC: statement latency, errors and slow queries by operation, {@code /queries}, connection
 * acquisition and HikariCP pool usage, and the query-timeout policy. Enabled by {@code
 * jdbc.enabled}; works with any driver and pool, in any class loader.
 */
public final class JdbcInstrumentationModule implements InstrumentationModule {

  @Override
  public String name() {
    return "jdbc";
  }

  @Override
  public boolean enabled(AgentConfig config) {
    return config.jdbc().enabled();
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(
        new StatementFieldsInstrumentation(),
        new StatementInstrumentation(),
        new ConnectionInstrumentation(),
        new DataSourceInstrumentation());
  }

  @Override
  public void start(AgentContext context) {
    JdbcMetrics metrics = new JdbcMetrics(context.metrics());
    ConnectionPools pools = new ConnectionPools(metrics, context.metrics());
    JdbcCallScope scope = new JdbcCallScope(metrics, pools, context.errors());
    context.config().onChange(config -> scope.configure(config.jdbc()));
    context.addJsonRoute("/queries", scope::queriesJson);
    JdbcBridge.install(scope);
  }
}
