package io.qnwis.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Median and spread of repeated whole-process measurements. */
public final class Stats {

  private Stats() {}

  /** median, q1, q3 (linear interpolation), min, max, n and the samples in run order. */
  public static Map<String, Object> summary(List<Double> samples) {
    List<Double> sorted = new ArrayList<>();
    for (Double s : samples) {
      if (s != null && Double.isFinite(s)) {
        sorted.add(s);
      }
    }
    Collections.sort(sorted);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("n", sorted.size());
    if (!sorted.isEmpty()) {
      out.put("median", quantile(sorted, 0.5));
      out.put("q1", quantile(sorted, 0.25));
      out.put("q3", quantile(sorted, 0.75));
      out.put("min", sorted.get(0));
      out.put("max", sorted.get(sorted.size() - 1));
    }
    out.put("samples", new ArrayList<>(samples));
    return out;
  }

  static double quantile(List<Double> sorted, double q) {
    double index = q * (sorted.size() - 1);
    int lo = (int) Math.floor(index);
    int hi = (int) Math.ceil(index);
    return sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (index - lo);
  }
}
