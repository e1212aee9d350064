package io.qnwis.agent.config;

import java.util.Locale;

/**
 * A config {@code match} pattern: {@code *} matches any run of characters, everything else is
 * literal and compared case-insensitively. Matching allocates nothing, so it may run on a hot path
 * (policy decisions are cached by callers anyway).
 */
public final class Glob {

  private final String pattern;
  private final String[] parts;
  private final boolean anchoredStart;
  private final boolean anchoredEnd;

  private Glob(String pattern) {
    this.pattern = pattern;
    String folded = pattern.toLowerCase(Locale.ROOT);
    this.anchoredStart = !folded.startsWith("*");
    this.anchoredEnd = !folded.endsWith("*");
    this.parts =
        java.util.Arrays.stream(folded.split("\\*+"))
            .filter(s -> !s.isEmpty())
            .toArray(String[]::new);
  }

  /**
   * @throws IllegalArgumentException if the pattern is empty or blank
   */
  public static Glob compile(String pattern) {
    if (pattern == null || pattern.isBlank()) {
      throw new IllegalArgumentException("is an empty pattern");
    }
    return new Glob(pattern);
  }

  public String pattern() {
    return pattern;
  }

  public boolean matches(CharSequence text) {
    int length = text.length();
    int position = 0;
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      boolean first = i == 0;
      boolean last = i == parts.length - 1;
      if (first && anchoredStart) {
        if (!regionMatches(text, 0, part)) {
          return false;
        }
        position = part.length();
      } else if (last && anchoredEnd) {
        int start = length - part.length();
        if (start < position || !regionMatches(text, start, part)) {
          return false;
        }
        position = length;
      } else {
        int found = indexOf(text, part, position);
        if (found < 0) {
          return false;
        }
        position = found + part.length();
      }
    }
    if (parts.length == 0) {
      return !anchoredStart || length == 0; // "*" matches all; "" is rejected at compile
    }
    return !anchoredEnd || position == length;
  }

  private static boolean regionMatches(CharSequence text, int offset, String lowerPart) {
    if (offset < 0 || offset + lowerPart.length() > text.length()) {
      return false;
    }
    for (int i = 0; i < lowerPart.length(); i++) {
      char expected = lowerPart.charAt(i);
      char actual = text.charAt(offset + i);
      // Keys and SQL mostly match in the pattern's case: fold only where they differ (a Redis
      // read resolves its region through here; LettuceBenchmark).
      if (actual != expected && Character.toLowerCase(actual) != expected) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(CharSequence text, String lowerPart, int from) {
    for (int i = from; i + lowerPart.length() <= text.length(); i++) {
      if (regionMatches(text, i, lowerPart)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Glob glob && glob.pattern.equals(pattern);
  }

  @Override
  public int hashCode() {
    return pattern.hashCode();
  }

  @Override
  public String toString() {
    return pattern;
  }
}
