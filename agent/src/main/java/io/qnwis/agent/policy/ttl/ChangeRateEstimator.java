package io.qnwis.agent.policy.ttl;

/**
 * Estimates how often a region's values change, from consecutive writes of the same key.
 *
 * <p>Each write is looked up in a bounded table of recently written keys (by 64-bit key hash,
 * direct-mapped: a new key takes over its slot). A write of a key already in the table gives one
 * observation: the interval {@code Δ} since that key's previous write and whether the value changed
 * (its hash differs). If values change as a Poisson process of rate {@code λ}, a change shows with
 * probability {@code 1 − e^(−λΔ)}. {@link #rate()} is the maximum-likelihood {@code λ} over a
 * sliding window of the last observations, never below one pseudo-change over the observed exposure
 * ({@code λ ≥ 1/ΣΔ}): with no change seen, the estimate falls, and the TTL grows, as evidence
 * accumulates instead of jumping to the maximum. Memory is fixed at construction.
 */
public final class ChangeRateEstimator {

  public static final int DEFAULT_KEYS = 4096;
  public static final int DEFAULT_WINDOW = 2048;

  /** Two writes closer than this are treated as this far apart (clock granularity). */
  static final double MIN_INTERVAL_SECONDS = 1e-3;

  private final long[] keyHashes;
  private final long[] lastWrites;
  private final long[] valueHashes;
  private final int keyMask;

  private final double[] intervals;
  private final boolean[] changes;
  private int next;
  private int size;
  private long observations;

  public ChangeRateEstimator() {
    this(DEFAULT_KEYS, DEFAULT_WINDOW);
  }

  /**
   * @param keys slots in the key table (rounded up to a power of two)
   * @param window observations the estimate is computed over
   */
  public ChangeRateEstimator(int keys, int window) {
    int slots = Integer.highestOneBit(Math.max(1, keys - 1)) << 1;
    this.keyHashes = new long[slots];
    this.lastWrites = new long[slots];
    this.valueHashes = new long[slots];
    this.keyMask = slots - 1;
    this.intervals = new double[window];
    this.changes = new boolean[window];
  }

  /** Records a write of {@code keyHash} with value {@code valueHash} at {@code nowNanos}. */
  public synchronized void write(long keyHash, long valueHash, long nowNanos) {
    long key = keyHash == 0 ? 1 : keyHash; // 0 marks an empty slot
    int slot = (int) (mix(key) & keyMask);
    if (keyHashes[slot] == key) {
      observe((nowNanos - lastWrites[slot]) / 1e9, valueHashes[slot] != valueHash);
    } else {
      keyHashes[slot] = key;
    }
    lastWrites[slot] = nowNanos;
    valueHashes[slot] = valueHash;
  }

  /** Adds one observation: {@code intervalSeconds} between two writes, and whether it changed. */
  public synchronized void observe(double intervalSeconds, boolean changed) {
    intervals[next] = Math.max(intervalSeconds, MIN_INTERVAL_SECONDS);
    changes[next] = changed;
    next = (next + 1) % intervals.length;
    size = Math.min(size + 1, intervals.length);
    observations++;
  }

  /** Observations recorded so far (not only those in the window); changes when new ones arrive. */
  public synchronized long observations() {
    return observations;
  }

  /**
   * The estimated change rate per second: {@code +∞} with no observation yet (nothing is known, so
   * the TTL policy stays at its minimum) or when every observation changed.
   */
  public double rate() {
    double[] interval;
    boolean[] changed;
    int count;
    synchronized (this) {
      count = size;
      interval = new double[count];
      changed = new boolean[count];
      System.arraycopy(intervals, 0, interval, 0, count);
      System.arraycopy(changes, 0, changed, 0, count);
    }
    return rate(interval, changed, count);
  }

  /** The estimate for these observations (see the class comment). */
  static double rate(double[] interval, boolean[] changed, int count) {
    double exposure = 0;
    double unchangedExposure = 0;
    int changeCount = 0;
    for (int i = 0; i < count; i++) {
      exposure += interval[i];
      if (changed[i]) {
        changeCount++;
      } else {
        unchangedExposure += interval[i];
      }
    }
    if (count == 0 || unchangedExposure == 0) {
      return Double.POSITIVE_INFINITY;
    }
    double floor = 1 / exposure;
    if (changeCount == 0) {
      return floor;
    }
    return Math.max(floor, maximumLikelihood(interval, changed, count, unchangedExposure));
  }

  /**
   * Solves {@code Σ_changed Δ/(e^(λΔ) − 1) = Σ_unchanged Δ}, where the log-likelihood's derivative
   * is zero. The left side falls from +∞ to 0 as λ grows, so the root is unique: bracket it, then
   * Newton steps that fall back to bisection when they leave the bracket.
   */
  static double maximumLikelihood(
      double[] interval, boolean[] changed, int count, double unchangedExposure) {
    double lambda = 1 / unchangedExposure;
    double lo = lambda;
    double hi = lambda;
    while (score(interval, changed, count, lo, unchangedExposure) < 0) {
      lo /= 2;
    }
    while (score(interval, changed, count, hi, unchangedExposure) > 0) {
      hi *= 2;
    }
    lambda = Math.sqrt(lo * hi);
    for (int i = 0; i < 100; i++) {
      double f = score(interval, changed, count, lambda, unchangedExposure);
      if (f > 0) {
        lo = lambda;
      } else {
        hi = lambda;
      }
      double slope = slope(interval, changed, count, lambda);
      double newton = slope < 0 ? lambda - f / slope : Double.NaN;
      double next = newton > lo && newton < hi ? newton : (lo + hi) / 2;
      if (Math.abs(next - lambda) <= 1e-9 * lambda) {
        return next;
      }
      lambda = next;
    }
    return lambda;
  }

  private static double score(
      double[] interval, boolean[] changed, int count, double lambda, double unchangedExposure) {
    double sum = 0;
    for (int i = 0; i < count; i++) {
      if (changed[i]) {
        sum += interval[i] / Math.expm1(lambda * interval[i]);
      }
    }
    return sum - unchangedExposure;
  }

  private static double slope(double[] interval, boolean[] changed, int count, double lambda) {
    double sum = 0;
    for (int i = 0; i < count; i++) {
      double x = lambda * interval[i];
      if (changed[i] && x < 700) {
        double m = Math.expm1(x);
        sum -= interval[i] * interval[i] * (m + 1) / (m * m);
      }
    }
    return sum;
  }

  private static long mix(long hash) {
    long h = hash * 0x9E3779B97F4A7C15L;
    return h ^ (h >>> 32);
  }
}
