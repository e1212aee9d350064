package io.qnwis.agent.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the config writes them: an integer and a unit, {@code 250ms}, {@code 30s}, {@code
 * 5m}, {@code 1h}. A number without a unit is rejected, even {@code 0}: every duration in the
 * schema is positive, and a bare number invites guessing whether it means seconds or milliseconds.
 */
public final class Durations {

  /** What a valid duration looks like, for messages. */
  public static final String EXAMPLES = "250ms, 30s, 5m or 1h";

  private static final Pattern SYNTAX = Pattern.compile("([+-]?\\d{1,15})(ms|s|m|h)");

  private Durations() {}

  /**
   * @throws IllegalArgumentException with a predicate for messages ({@code is not a duration...})
   */
  public static Duration parse(String text) {
    Matcher matcher = SYNTAX.matcher(text.trim());
    if (!matcher.matches()) {
      if (text.trim().matches("[+-]?\\d+(\\.\\d+)?")) {
        throw new IllegalArgumentException("has no unit: write a duration like " + EXAMPLES);
      }
      throw new IllegalArgumentException("is not a duration like " + EXAMPLES);
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }

  /** The shortest exact form in the config's syntax: 3600s is {@code 1h}, 1500ms stays. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis != 0 && millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis != 0 && millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return millis + "ms";
  }
}
