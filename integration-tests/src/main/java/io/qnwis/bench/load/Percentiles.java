package io.qnwis.bench.load;

import java.util.Arrays;

/**
 * Latency percentiles by the nearest-rank method: the p-th percentile of n sorted samples is the
 * sample at rank ⌈p/100 × n⌉ (1-based). It is always a latency that was actually observed, and p95
 * of 1..100 ms is exactly 95 ms.
 */
public final class Percentiles {

  private final double[] sorted;

  private Percentiles(double[] sorted) {
    this.sorted = sorted;
  }

  /** From unsorted samples (any unit); the array is copied. */
  public static Percentiles of(double[] samples) {
    double[] copy = samples.clone();
    Arrays.sort(copy);
    return new Percentiles(copy);
  }

  public int count() {
    return sorted.length;
  }

  /** The p-th percentile, 0 < p <= 100; NaN when there are no samples. */
  public double percentile(double p) {
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100], not " + p);
    }
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(1, rank) - 1];
  }

  public double min() {
    return sorted.length == 0 ? Double.NaN : sorted[0];
  }

  public double max() {
    return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
  }

  public double mean() {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (double value : sorted) {
      sum += value;
    }
    return sum / sorted.length;
  }
}
