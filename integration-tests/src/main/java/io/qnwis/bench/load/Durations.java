package io.qnwis.bench.load;

import java.time.Duration;

/** Durations as ops write them: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}. */
final class Durations {

  private Durations() {}

  static Duration parse(String text) {
    String value = text.trim();
    int split = 0;
    while (split < value.length() && Character.isDigit(value.charAt(split))) {
      split++;
    }
    String unit = value.substring(split);
    if (split == 0 || split > 9) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a duration (use e.g. 250ms, 30s, 5m, 1h)");
    }
    long amount = Long.parseLong(value.substring(0, split));
    Duration duration =
        switch (unit) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default ->
              throw new IllegalArgumentException(
                  "\"" + text + "\" is not a duration (use e.g. 250ms, 30s, 5m, 1h)");
        };
    if (duration.isZero()) {
      throw new IllegalArgumentException("\"" + text + "\" must be longer than zero");
    }
    return duration;
  }

  static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }
}
