package io.qnwis.agent.instrumentation.lettuce;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.qnwis.agent.metrics.AgentErrors;
import io.qnwis.agent.metrics.AgentMetrics;
import io.qnwis.agent.metrics.LabelValues;
import io.qnwis.agent.metrics.MetricNames;
import java.util.ArrayList;
import java.util.List;

/**
 * Times each Lettuce command from dispatch ({@link #start}) to completion ({@link #end}) into
 * {@code qnwis_redis_latency_seconds{command}}, counts failures (error replies, exceptions,
 * cancellations, timeouts) in {@code qnwis_redis_errors_total{command}}, and counts hits and misses
 * of GET-family reads per region (DESIGN.md section 5).
 */
final class LettuceCommandScope {

  static final String COMPONENT = "lettuce";

  private record CommandMetrics(DistributionDataPoint latency, CounterDataPoint errors) {}

  private final InFlightCommands inFlight;
  private final CacheRegions regions;
  private final AgentErrors agentErrors;
  private final LabelValues<CommandMetrics> byCommand;

  LettuceCommandScope(AgentMetrics metrics, CacheRegions regions, InFlightCommands inFlight) {
    this.inFlight = inFlight;
    this.regions = regions;
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
      if (!inFlight.start(command, dispatched, System.nanoTime())) {
        agentErrors.report(
            COMPONENT, new IllegalStateException("too many Redis commands in flight to time"));
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

  /** Records a command the timeout policy failed; returns its name for the exception. */
  String timedOut(Object command, long startNanos) throws Throwable {
    LettuceApi api = LettuceApi.of(command);
    String name = api.commandName(command);
    CommandMetrics metrics = byCommand.get(name);
    metrics.latency().observe((System.nanoTime() - startNanos) / 1e9);
    metrics.errors().inc();
    return name;
  }

  private void record(Object command, long startNanos, Throwable failure) throws Throwable {
    long elapsed = System.nanoTime() - startNanos;
    LettuceApi api = LettuceApi.of(command);
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

  /** GET, GETEX, HGET: one hit or miss; MGET: one per key; HMGET: one per field. */
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
      case "MGET" -> {
        if (!(api.reply(output) instanceof List<?> values)) {
          return;
        }
        List<Object> keys = new ArrayList<>(values.size());
        api.keys(command, keys);
        if (keys.size() != values.size()) {
          return; // a streaming reply (reactive, channels) was not collected into a list
        }
        for (int i = 0; i < keys.size(); i++) {
          count(regions.of(keys.get(i)), api.present(values.get(i)));
        }
      }
      case "HMGET" -> {
        if (!(api.reply(output) instanceof List<?> values) || values.isEmpty()) {
          return;
        }
        CacheRegion region = regions.of(api.firstKey(command));
        for (int i = 0; i < values.size(); i++) {
          count(region, api.present(values.get(i)));
        }
      }
      default -> {}
    }
  }

  private static void count(CacheRegion region, boolean hit) {
    if (hit) {
      region.hit();
    } else {
      region.miss();
    }
  }
}
