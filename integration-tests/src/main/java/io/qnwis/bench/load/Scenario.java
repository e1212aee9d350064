package io.qnwis.bench.load;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The four QNWIS benchmark scenarios, their routes and default p95 targets. Request {@code i} of a
 * run asks about parameter combination {@code i mod keys} (a sector and a year), so a run mixes
 * cache misses (first sight of a combination) and hits (repeats), as real traffic does; more keys
 * mean more misses.
 */
public enum Scenario {
  SIMPLE("/api/query/simple", Duration.ofSeconds(10)),
  MEDIUM("/api/query/medium", Duration.ofSeconds(30)),
  COMPLEX("/api/query/complex", Duration.ofSeconds(90)),
  DASHBOARD("/api/dashboard", Duration.ofSeconds(3));

  static final int LAST_YEAR = 2024;
  static final int YEARS = 10;

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

  /**
   * The path and query of request number {@code i} when cycling through {@code keys} combinations.
   */
  public String path(int i, int keys, List<String> sectors) {
    int k = i % keys;
    if (this == DASHBOARD) {
      return route + "?year=" + (LAST_YEAR - k % YEARS);
    }
    String sector = sectors.get(k % sectors.size());
    int year = LAST_YEAR - (k / sectors.size()) % YEARS;
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
