package io.qnwis.agent.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Caches one data point per label value and caps how many distinct values a metric may have: once
 * {@code max} values exist, every new value is reported as {@value #OVERFLOW}. Label values the
 * service controls (regions, executor names, task classes) go through this, so neither memory nor
 * series count can grow without bound. The hit path is one map lookup and allocates nothing.
 */
public final class LabelValues<T> {

  public static final String OVERFLOW = "other";

  private final ConcurrentHashMap<String, T> byValue = new ConcurrentHashMap<>();
  private final Function<String, T> factory;
  private final int max;
  private volatile T overflow;

  public LabelValues(int max, Function<String, T> factory) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be positive: " + max);
    }
    this.max = max;
    this.factory = factory;
  }

  public T get(String value) {
    T existing = byValue.get(value);
    return existing != null ? existing : admit(value);
  }

  private synchronized T admit(String value) {
    T existing = byValue.get(value);
    if (existing != null) {
      return existing;
    }
    if (byValue.size() >= max) {
      if (overflow == null) {
        overflow = factory.apply(OVERFLOW);
      }
      return overflow;
    }
    T created = factory.apply(value);
    byValue.put(value, created);
    return created;
  }

  /** Distinct values admitted so far, not counting the overflow value. */
  public int size() {
    return byValue.size();
  }
}
