package io.qnwis.agent.config;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * A constraint on one typed config value beyond its type. {@link #rule()} is how the reference
 * states it; {@link #check} returns the predicate of the message ({@code "is not a positive
 * duration"}) or null when the value is fine.
 */
public record Validator<T>(String rule, Predicate<T> accepts, String failure) {

  /** No constraint. */
  public static <T> Validator<T> any() {
    return new Validator<>("", value -> true, "");
  }

  public static Validator<Duration> positiveDuration() {
    return new Validator<>(
        "> 0", value -> !value.isNegative() && !value.isZero(), "is not a positive duration");
  }

  public static Validator<Integer> between(int min, int max, String what) {
    return new Validator<>(
        min + "–" + max,
        value -> value >= min && value <= max,
        "is not " + what + " (" + min + "–" + max + ")");
  }

  public static Validator<Integer> atLeast(int min) {
    return new Validator<>(">= " + min, value -> value >= min, "is less than " + min);
  }

  /** Strictly between 0 and 1. */
  public static Validator<Double> openUnitInterval() {
    return new Validator<>(
        "0 < x < 1", value -> value > 0 && value < 1, "is not strictly between 0 and 1");
  }

  public static Validator<String> notBlank() {
    return new Validator<>("not blank", value -> !value.isBlank(), "is blank");
  }

  public static Validator<String> sha256Hex() {
    return new Validator<>(
        "64 hex digits",
        value -> value.matches("[0-9a-fA-F]{64}"),
        "is not a SHA-256 hash (64 hex digits)");
  }

  /** The predicate of the problem message, or null if the value is acceptable. */
  public String check(T value) {
    return accepts.test(value) ? null : failure;
  }
}
