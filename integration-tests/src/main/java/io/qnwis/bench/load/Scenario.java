package io.qnwis.bench.load;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The four QNWIS benchmark scenarios, their routes and default p95 targets. Request {@code i} of a
 * run asks about sector {@code i mod S} and one of the last three years, so a run mixes cache
 * misses (first sight of a key) and hits (repeats), as real traffic does.
 */
public enum Scenario {
  SIMPLE("/api/query/simple", Duration.ofSeconds(10)),
  MEDIUM("/api/query/medium", Duration.ofSeconds(30)),
  COMPLEX("/api/query/complex", Duration.ofSeconds(90)),
  DASHBOARD("/api/dashboard", Duration.ofSeconds(3));

  static final int LAST_YEAR = 2024;
  private static final int YEARS = 3;

  private final String route;
  private final Duration defaultTarget;

  Scenario(String route, Duration defaultTarget) {
    this.route = route;
    this.defaultTarget = defaultTarget;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public Duration defaultTarget() {
    return defaultTarget;
  }

  /** The path and query of request number {@code i}. */
  public String path(int i, List<String> sectors) {
    if (this == DASHBOARD) {
      return route + "?year=" + (LAST_YEAR - i % YEARS);
    }
    String sector = sectors.get(i % sectors.size());
    int year = LAST_YEAR - (i / sectors.size()) % YEARS;
    return route + "?sector=" + sector + "&year=" + year;
  }

  /** The scenario with this id, or null. */
  public static Scenario byId(String id) {
    for (Scenario scenario : values()) {
      if (scenario.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
        return scenario;
      }
    }
    return null;
  }
}
