package io.qnwis.agent.metrics;

import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.Function;

/**
 * The agent's metric registry (its own, never the service's default registry) and the agent's
 * self-metrics. Instrumentation modules register their families here through the builders below,
 * which fix the conventions: classic histograms with latency buckets, no exemplars (they cost a
 * span lookup per observation and the agent records no spans).
 */
public final class AgentMetrics {

  /** Latency buckets in seconds: 100 µs to 60 s, dense where service latency targets sit. */
  public static final double[] LATENCY_BUCKETS = {
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    30, 60
  };

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final int maxLabelValues;
  private final AgentErrors errors;
  private final Gauge configValid;
  private final Counter configReloads;

  public AgentMetrics(int maxLabelValues, String version) {
    this.maxLabelValues = maxLabelValues;
    this.errors =
        new AgentErrors(
            counter(
                MetricNames.AGENT_ERRORS,
                "Errors inside the agent, by component; the service never sees them",
                "component"));
    Info info =
        Info.builder()
            .name(MetricNames.AGENT_INFO)
            .help("The QNWIS performance agent attached to this JVM")
            .labelNames("version")
            .register(registry);
    info.setLabelValues(version);
    this.configValid =
        gauge(
            MetricNames.AGENT_CONFIG_VALID,
            "1 if the config in force was loaded from a valid file (or no file was given)");
    this.configReloads =
        counter(
            MetricNames.AGENT_CONFIG_RELOADS,
            "Config file reloads by result: applied or rejected (previous config kept)",
            "result");
  }

  /**
   * Has the Prometheus client read its settings (variables, system properties, a properties file),
   * which it does once, as its first metric is built: on a thread that would otherwise wait, ahead
   * of the first {@code AgentMetrics}.
   */
  public static void readClientSettings() {
    PrometheusProperties.get();
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  public AgentErrors errors() {
    return errors;
  }

  public int maxLabelValues() {
    return maxLabelValues;
  }

  public void configValid(boolean valid) {
    configValid.set(valid ? 1 : 0);
  }

  public void configReloaded(boolean applied) {
    configReloads.labelValues(applied ? "applied" : "rejected").inc();
  }

  /**
   * A registered latency histogram with {@link #LATENCY_BUCKETS}, recorded in nanoseconds and
   * exposed in seconds, without exemplars. The agent's histogram for every hot path.
   */
  public NanosHistogram nanosHistogram(String name, String help, String label) {
    NanosHistogram histogram = new NanosHistogram(name, help, label, LATENCY_BUCKETS);
    registry.register(histogram);
    return histogram;
  }

  public Counter counter(String name, String help, String label) {
    return Counter.builder()
        .name(name)
        .help(help)
        .labelNames(label)
        .withoutExemplars()
        .register(registry);
  }

  public Gauge gauge(String name, String help, String... labels) {
    return Gauge.builder()
        .name(name)
        .help(help)
        .labelNames(labels)
        .withoutExemplars()
        .register(registry);
  }

  /** A cache of data points for a label the service controls, capped at max_label_values. */
  public <T> LabelValues<T> capped(Function<String, T> dataPointForValue) {
    return new LabelValues<>(maxLabelValues, dataPointForValue);
  }
}
