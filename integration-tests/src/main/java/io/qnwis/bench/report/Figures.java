package io.qnwis.bench.report;

import java.util.List;
import java.util.Map;

/** Reading the untyped figures map (parsed or collected) and formatting its numbers. */
@SuppressWarnings("unchecked")
public final class Figures {

  private Figures() {}

  static String spread(Object summary, String format) {
    Map<String, Object> s = map(summary);
    if (!s.containsKey("median")) {
      return "–";
    }
    return String.format(
        format + " [" + format + "–" + format + "] (" + format + "–" + format + ")",
        num(s.get("median")),
        num(s.get("q1")),
        num(s.get("q3")),
        num(s.get("min")),
        num(s.get("max")));
  }

  static String added(Object summary, Object base, String format) {
    Map<String, Object> s = map(summary);
    Map<String, Object> b = map(base);
    if (!s.containsKey("median") || !b.containsKey("median") || s == b) {
      return "–";
    }
    return String.format(format, num(s.get("median")) - num(b.get("median")));
  }

  public static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  public static List<Object> list(Object o) {
    return o instanceof List<?> l ? (List<Object>) l : List.of();
  }

  public static double num(Object o) {
    return o instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  static String f1(Object o) {
    double v = num(o);
    return Double.isNaN(v) ? "–" : String.format("%,.1f", v);
  }

  static String f2(Object o) {
    double v = num(o);
    return Double.isNaN(v) ? "–" : String.format("%.2f", v);
  }
}
