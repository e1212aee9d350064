package io.qnwis.agent.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.qnwis.agent.AgentLog;

/**
 * Where the agent's own failures go: counted in {@code qnwis_agent_errors_total{component}} and
 * logged at most once a minute per component. Never throws.
 */
public final class AgentErrors {

  private final Counter errors;

  /** {@code errors}: the {@code qnwis_agent_errors_total} counter, labelled by component. */
  AgentErrors(Counter errors) {
    this.errors = errors;
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
