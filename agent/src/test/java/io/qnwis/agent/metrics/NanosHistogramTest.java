package io.qnwis.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class NanosHistogramTest {

  private static final long[] SAMPLES_NANOS = {
    0, 50_000, 100_000, 100_001, 2_000_000, 999_999_999, 60_000_000_000L, 61_000_000_000L, -5
  };

  @Test
  void exposesWhatPrometheusHistogramExposesForTheSameObservations() throws IOException {
    AgentMetrics ours = new AgentMetrics(10, "test");
    NanosHistogram histogram = ours.nanosHistogram("x_seconds", "help", "op");
    PrometheusRegistry reference = new PrometheusRegistry();
    Histogram prometheus =
        Histogram.builder()
            .name("x_seconds")
            .help("help")
            .labelNames("op")
            .classicOnly()
            .classicUpperBounds(AgentMetrics.LATENCY_BUCKETS)
            .withoutExemplars()
            .register(reference);
    histogram.labelValues("b"); // both show a label value in use but not observed yet
    prometheus.labelValues("b");
    for (long nanos : SAMPLES_NANOS) {
      histogram.labelValues("a").observe(nanos);
      prometheus.labelValues("a").observe(Math.max(0, nanos) / 1e9);
    }

    assertThat(text(ours.registry()).lines().filter(line -> line.contains("x_seconds")))
        .containsExactlyElementsOf(text(reference).lines().toList());
  }

  @Test
  void countsEachObservationInTheFirstBucketItFitsAndSumsSeconds() {
    NanosHistogram histogram =
        new NanosHistogram("x_seconds", "help", "op", new double[] {0.001, 0.01});
    histogram.labelValues("a").observe(1_000_000); // le=0.001: bounds are inclusive
    histogram.labelValues("a").observe(1_000_001);
    histogram.labelValues("a").observe(20_000_000);

    HistogramSnapshot.HistogramDataPointSnapshot point = histogram.collect().getDataPoints().get(0);
    assertThat(point.getCount()).isEqualTo(3);
    assertThat(point.getSum()).isCloseTo(0.022000001, Offset.offset(1e-12));
    assertThat(point.getClassicBuckets().getCount(0)).isEqualTo(1);
    assertThat(point.getClassicBuckets().getCount(1)).isEqualTo(1);
    assertThat(point.getClassicBuckets().getCount(2)).isEqualTo(1);
    assertThat(point.getLabels().get("op")).isEqualTo("a");
  }

  private static String text(PrometheusRegistry registry) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }
}
