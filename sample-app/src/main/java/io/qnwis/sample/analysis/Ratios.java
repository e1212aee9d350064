package io.qnwis.sample.analysis;

/** Small arithmetic shared by the scenarios; NaN stands for "not defined" (written as null). */
final class Ratios {

  private Ratios() {}

  static double ratio(long numerator, long denominator) {
    return denominator == 0 ? Double.NaN : (double) numerator / denominator;
  }

  static double percent(long numerator, long denominator) {
    return 100 * ratio(numerator, denominator);
  }

  static double growthPercent(long previous, long current) {
    return previous == 0 ? Double.NaN : 100.0 * (current - previous) / previous;
  }

  /** Least-squares slope of y over x = 0, 1, 2, ... */
  static double slope(long[] y) {
    int n = y.length;
    if (n < 2) {
      return 0;
    }
    double meanX = (n - 1) / 2.0;
    double meanY = 0;
    for (long value : y) {
      meanY += value;
    }
    meanY /= n;
    double num = 0;
    double den = 0;
    for (int i = 0; i < n; i++) {
      num += (i - meanX) * (y[i] - meanY);
      den += (i - meanX) * (i - meanX);
    }
    return num / den;
  }

  /** The least-squares line's value at x = n (one step past the data). */
  static double projectNext(long[] y) {
    int n = y.length;
    if (n == 0) {
      return 0;
    }
    double meanY = 0;
    for (long value : y) {
      meanY += value;
    }
    meanY /= n;
    return meanY + slope(y) * (n - (n - 1) / 2.0);
  }
}
