package io.qnwis.agent.metrics;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The agent's latency histogram: a classic histogram exposed in seconds with one label, recorded in
 * nanoseconds. Built and registered by {@link AgentMetrics#nanosHistogram}. Callers bound the
 * label's values: resolve a closed set up front with {@link #labelValues}, or admit values at run
 * time through {@code AgentMetrics.capped(histogram::labelValues)}.
 *
 * <p>Why not Prometheus' {@code Histogram} on hot paths: its {@code observe} makes four atomic adds
 * (a striped counter that keeps scrapes consistent, the bucket, the sum, the count) and hands its
 * buffer a capturing lambda that the JIT does not always scalar-replace
 * (JdbcBenchmark.executeWithoutDatabase measured 24 B per call). Here an observation is one bucket
 * add and one sum add; the count is the sum of the buckets, read at scrape, so buckets and count
 * always agree (the sum may trail them by observations in flight).
 */
public final class NanosHistogram implements Collector {

  private final MetricMetadata metadata;
  private final String labelName;
  private final double[] upperBounds;
  private final long[] upperBoundsNanos;
  private final ConcurrentHashMap<String, Series> series = new ConcurrentHashMap<>();
  private final long createdMillis = System.currentTimeMillis();

  /** One label value's buckets; {@link #observe} is the hot path. */
  public static final class Series {
    private final Labels labels;
    private final long[] upperBoundsNanos;
    private final LongAdder[] buckets;
    private final LongAdder sumNanos = new LongAdder();

    private Series(Labels labels, long[] upperBoundsNanos) {
      this.labels = labels;
      this.upperBoundsNanos = upperBoundsNanos;
      this.buckets = new LongAdder[upperBoundsNanos.length + 1];
      for (int i = 0; i < buckets.length; i++) {
        buckets[i] = new LongAdder();
      }
    }

    /** Records a duration in nanoseconds; a negative one (clock skew) counts as zero. */
    public void observe(long nanos) {
      if (nanos < 0) {
        nanos = 0;
      }
      long[] bounds = upperBoundsNanos;
      int i = 0;
      while (i < bounds.length && nanos > bounds[i]) {
        i++;
      }
      buckets[i].increment();
      sumNanos.add(nanos);
    }
  }

  /**
   * @param upperBounds finite bucket bounds in seconds, ascending (+Inf is added)
   */
  NanosHistogram(String name, String help, String labelName, double[] upperBounds) {
    this.metadata = new MetricMetadata(name, help);
    this.labelName = labelName;
    this.upperBounds = new double[upperBounds.length + 1];
    this.upperBoundsNanos = new long[upperBounds.length];
    for (int i = 0; i < upperBounds.length; i++) {
      this.upperBounds[i] = upperBounds[i];
      this.upperBoundsNanos[i] = Math.round(upperBounds[i] * 1e9);
    }
    this.upperBounds[upperBounds.length] = Double.POSITIVE_INFINITY;
  }

  /** The series of this label value, created (and exposed, empty) on first use. */
  public Series labelValues(String value) {
    return series.computeIfAbsent(
        value, v -> new Series(Labels.of(labelName, v), upperBoundsNanos));
  }

  @Override
  public HistogramSnapshot collect() {
    List<HistogramSnapshot.HistogramDataPointSnapshot> points = new ArrayList<>(series.size());
    for (Series s : series.values()) {
      long[] counts = new long[upperBounds.length];
      for (int i = 0; i < counts.length; i++) {
        counts[i] = s.buckets[i].sum();
      }
      points.add(
          new HistogramSnapshot.HistogramDataPointSnapshot(
              ClassicHistogramBuckets.of(upperBounds, counts),
              s.sumNanos.sum() / 1e9,
              s.labels,
              Exemplars.EMPTY,
              createdMillis));
    }
    return new HistogramSnapshot(metadata, points);
  }

  @Override
  public String getPrometheusName() {
    return metadata.getPrometheusName();
  }

  @Override
  public MetricType getMetricType() {
    return MetricType.HISTOGRAM;
  }

  @Override
  public Set<String> getLabelNames() {
    return Set.of(labelName);
  }

  @Override
  public MetricMetadata getMetadata() {
    return metadata;
  }
}
