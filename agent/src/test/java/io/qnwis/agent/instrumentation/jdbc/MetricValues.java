package io.qnwis.agent.instrumentation.jdbc;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/** Reads one sample from a registry: counter value, gauge value or histogram count. */
final class MetricValues {

  private MetricValues() {}

  static double value(PrometheusRegistry registry, String name, String... labelPairs) {
    for (MetricSnapshot snapshot : registry.scrape()) {
      if (!snapshot.getMetadata().getName().equals(name)) {
        continue;
      }
      for (DataPointSnapshot point : snapshot.getDataPoints()) {
        boolean match = true;
        for (int i = 0; i + 1 < labelPairs.length; i += 2) {
          match &= labelPairs[i + 1].equals(point.getLabels().get(labelPairs[i]));
        }
        if (!match) {
          continue;
        }
        if (point instanceof CounterSnapshot.CounterDataPointSnapshot counter) {
          return counter.getValue();
        }
        if (point instanceof GaugeSnapshot.GaugeDataPointSnapshot gauge) {
          return gauge.getValue();
        }
        if (point instanceof HistogramSnapshot.HistogramDataPointSnapshot histogram) {
          return histogram.getCount();
        }
      }
    }
    return 0;
  }
}
