package io.qnwis.agent.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.qnwis.agent.AgentLog;

/**
 * Where the agent's own failures go: counted in {@code qnwis_agent_errors_total{component}} and
 * logged at most once a minute per component. Never throws.
 */
public final class AgentErrors {

  private final Counter errors;

  public AgentErrors(PrometheusRegistry registry) {
    this.errors =
        Counter.builder()
            .name(MetricNames.AGENT_ERRORS)
            .help("Errors inside the agent, by component; the service never sees them")
            .labelNames("component")
            .withoutExemplars()
            .register(registry);
  }

  public void report(String component, Throwable error) {
    try {
      errors.labelValues(component).inc();
      AgentLog.warnRateLimited(
          "error:" + component, "internal error in " + component + " (counted): " + error);
    } catch (Throwable ignored) {
      // Reporting must never fail the caller.
    }
  }
}
