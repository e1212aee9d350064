package io.qnwis.bench.jmh;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of rendering {@code /metrics} with 10,000 series: {@code registry.scrape()} plus the
 * exposition writer, the two steps the agent's endpoint runs per request (HTTP and gzip excluded).
 * The agent's jar shades its Prometheus client, so this uses the unshaded client of the same
 * version ({@code ${prometheus.version}}): the same code path, built the way {@code AgentMetrics}
 * builds its families (classic histograms with the agent's 18 latency buckets, no exemplars).
 *
 * <p>{@code counter}: one counter family with 10,000 label values. {@code histogram}: 477 label
 * values of one histogram, each rendering 21 series (19 buckets with +Inf, count, sum): 10,017.
 * Allocation per scrape comes from JMH's {@code gc} profiler.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ScrapeBenchmark {

  static final int SERIES = 10_000;
  static final double[] LATENCY_BUCKETS = {
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    30, 60
  };

  @Param({"counter", "histogram"})
  public String kind;

  @Param({"text", "openmetrics"})
  public String format;

  private PrometheusRegistry registry;
  private ExpositionFormatWriter writer;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(4 << 20);

  @Setup(Level.Trial)
  public void setUp() {
    registry = new PrometheusRegistry();
    if (kind.equals("counter")) {
      Counter counter =
          Counter.builder()
              .name("qnwis_bench_calls")
              .help("Counter with 10k label values")
              .labelNames("key")
              .withoutExemplars()
              .register(registry);
      for (int i = 0; i < SERIES; i++) {
        counter.labelValues("value-" + i).inc(i);
      }
    } else {
      Histogram histogram =
          Histogram.builder()
              .name("qnwis_bench_latency_seconds")
              .help("Histogram rendering about 10k series")
              .labelNames("key")
              .classicOnly()
              .classicUpperBounds(LATENCY_BUCKETS)
              .withoutExemplars()
              .register(registry);
      int labels = (SERIES + 20) / (LATENCY_BUCKETS.length + 3);
      for (int i = 0; i < labels; i++) {
        histogram.labelValues("value-" + i).observe(0.001 * (i % 100));
      }
    }
    ExpositionFormats formats = ExpositionFormats.init();
    writer =
        format.equals("text")
            ? formats.getPrometheusTextFormatWriter()
            : formats.getOpenMetricsTextFormatWriter();
  }

  /** Returns the body size so the work cannot be optimized away. */
  @Benchmark
  public int scrape() throws IOException {
    out.reset();
    writer.write(out, registry.scrape());
    return out.size();
  }
}
