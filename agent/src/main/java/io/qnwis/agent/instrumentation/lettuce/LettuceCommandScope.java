package io.qnwis.agent.instrumentation.lettuce;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.qnwis.agent.metrics.AgentErrors;
import io.qnwis.agent.metrics.AgentMetrics;
import io.qnwis.agent.metrics.LabelValues;
import io.qnwis.agent.metrics.MetricNames;

/**
 * Times each Lettuce command from dispatch ({@link #start}) to completion ({@link #end}) into
 * {@code qnwis_redis_latency_seconds{command}}, counts failures (error replies, exceptions,
 * cancellations, timeouts) in {@code qnwis_redis_errors_total{command}}, and counts hits and misses
 * of GET-family reads per region (DESIGN.md section 5): single-key reads at completion, MGET and
 * HMGET per element as the reply is decoded ({@link MultiReads}).
 */
final class LettuceCommandScope {

  static final String COMPONENT = "lettuce";

  private record CommandMetrics(DistributionDataPoint latency, CounterDataPoint errors) {}

  private final InFlightCommands inFlight;
  private final CacheRegions regions;
  private final MultiReads multiReads;
  private final AgentErrors agentErrors;
  private final LabelValues<CommandMetrics> byCommand;

  LettuceCommandScope(AgentMetrics metrics, CacheRegions regions, InFlightCommands inFlight) {
    this.inFlight = inFlight;
    this.regions = regions;
    this.multiReads = new MultiReads(regions);
    this.agentErrors = metrics.errors();
    Histogram latency =
        metrics.latencyHistogram(
            MetricNames.REDIS_LATENCY,
            "Redis commands sent through Lettuce, dispatch to completion, by command",
            "command");
    Counter errors =
        metrics.counter(
            MetricNames.REDIS_ERRORS,
            "Redis commands that failed (error reply, exception, cancellation, timeout)",
            "command");
    this.byCommand =
        metrics.capped(
            name -> new CommandMetrics(latency.labelValues(name), errors.labelValues(name)));
  }

  /** {@code command} (innermost) is dispatched; {@code dispatched} is what the caller holds. */
  void start(Object command, Object dispatched) {
    if (command == null) {
      return;
    }
    try {
      long now = System.nanoTime();
      if (!inFlight.start(command, dispatched, now)) {
        agentErrors.report(
            COMPONENT, new IllegalStateException("too many Redis commands in flight to time"));
        return;
      }
      LettuceApi api = LettuceApi.of(command);
      if (!multiReads.start(api, command, api.commandName(command), now)) {
        agentErrors.report(
            COMPONENT, new IllegalStateException("too many MGET/HMGET in flight to count"));
      }
    } catch (Throwable error) {
      agentErrors.report(COMPONENT, error);
    }
  }

  /** {@code command} completes; {@code failure} is null for a reply (which may be an error). */
  void end(Object command, Throwable failure) {
    if (command == null) {
      return;
    }
    try {
      InFlightCommands.InFlight entry = inFlight.end(command);
      if (entry != null) {
        record(command, entry.startNanos(), failure);
      }
    } catch (Throwable error) {
      agentErrors.report(COMPONENT, error);
    }
  }

  /** An element of a multi-value reply arrived in {@code output}; {@code present}: not nil. */
  void element(Object output, boolean present) {
    try {
      multiReads.element(output, present);
    } catch (Throwable error) {
      agentErrors.report(COMPONENT, error);
    }
  }

  /** Records a command the timeout policy failed; returns its name for the exception. */
  String timedOut(Object command, long startNanos) throws Throwable {
    LettuceApi api = LettuceApi.of(command);
    multiReads.end(api, command);
    String name = api.commandName(command);
    CommandMetrics metrics = byCommand.get(name);
    metrics.latency().observe((System.nanoTime() - startNanos) / 1e9);
    metrics.errors().inc();
    return name;
  }

  private void record(Object command, long startNanos, Throwable failure) throws Throwable {
    long elapsed = System.nanoTime() - startNanos;
    LettuceApi api = LettuceApi.of(command);
    multiReads.end(api, command);
    String name = api.commandName(command);
    CommandMetrics metrics = byCommand.get(name);
    metrics.latency().observe(elapsed / 1e9);
    Object output = api.output(command);
    boolean failed = failure != null || api.errorReply(output) != null;
    if (failed) {
      // A cancelled command failed too: Lettuce cancels what its own timeout gave up on.
      metrics.errors().inc();
      return;
    }
    countReads(api, command, name, output);
  }

  /** GET, GETEX, HGET: one hit or miss. MGET and HMGET are counted per element as they arrive. */
  private void countReads(LettuceApi api, Object command, String name, Object output)
      throws Throwable {
    switch (name) {
      case "GET", "GETEX", "HGET" -> {
        CacheRegion region = regions.of(api.firstKey(command));
        if (api.reply(output) == null) {
          region.miss();
        } else {
          region.hit();
        }
      }
      default -> {}
    }
  }

  int multiReadsInFlight() {
    return multiReads.size();
  }
}
