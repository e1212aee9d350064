package io.qnwis.agent.instrumentation.jdbc;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals for one normalized statement, for {@code /queries}: count, total, max, and a
 * log2-bucketed histogram (buckets double from 1 µs) from which p95 is read as the upper bound of
 * the bucket that holds it, so it may overstate by up to 2x but costs one array increment.
 */
final class QueryStats {

  static final int BUCKETS = 40;

  private final String sql;
  private final SqlOperation operation;
  private final LongAdder totalNanos = new LongAdder();
  private final AtomicLong maxNanos = new AtomicLong();
  private final AtomicLongArray buckets = new AtomicLongArray(BUCKETS);

  QueryStats(String sql, SqlOperation operation) {
    this.sql = sql;
    this.operation = operation;
  }

  void record(long nanos) {
    if (nanos < 0) {
      nanos = 0;
    }
    totalNanos.add(nanos);
    long max = maxNanos.get();
    while (nanos > max && !maxNanos.compareAndSet(max, nanos)) {
      max = maxNanos.get();
    }
    buckets.incrementAndGet(bucket(nanos));
  }

  /** Bucket k holds durations below 2^k * 1024 ns (about 2^k µs). */
  static int bucket(long nanos) {
    return Math.min(BUCKETS - 1, 64 - Long.numberOfLeadingZeros(nanos >>> 10));
  }

  String sql() {
    return sql;
  }

  SqlOperation operation() {
    return operation;
  }

  /** The sum of the buckets: one atomic fewer per call than a counter of its own. */
  long count() {
    long count = 0;
    for (int i = 0; i < BUCKETS; i++) {
      count += buckets.get(i);
    }
    return count;
  }

  long totalNanos() {
    return totalNanos.sum();
  }

  long maxNanos() {
    return maxNanos.get();
  }

  /** Upper bound of the 95th percentile, capped at the maximum seen; 0 with no samples. */
  long p95Nanos() {
    long[] counts = new long[BUCKETS];
    long total = 0;
    for (int i = 0; i < BUCKETS; i++) {
      counts[i] = buckets.get(i);
      total += counts[i];
    }
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(total * 0.95);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Math.min(maxNanos(), (1L << i) * 1024);
      }
    }
    return maxNanos();
  }
}
