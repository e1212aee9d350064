package io.qnwis.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ValidatorTest {

  @Test
  void positiveDurationAcceptsOneMillisecond() {
    assertThat(Validator.positiveDuration().check(Duration.ofMillis(1))).isNull();
  }

  @Test
  void positiveDurationRejectsZeroAndNegative() {
    assertThat(Validator.positiveDuration().check(Duration.ZERO))
        .isEqualTo("is not a positive duration");
    assertThat(Validator.positiveDuration().check(Duration.ofSeconds(-1)))
        .isEqualTo("is not a positive duration");
  }

  @Test
  void betweenIncludesBothEnds() {
    Validator<Integer> port = Validator.between(1, 65535, "a port number");

    assertThat(port.check(1)).isNull();
    assertThat(port.check(65535)).isNull();
    assertThat(port.check(65536)).isEqualTo("is not a port number (1–65535)");
  }

  @Test
  void openUnitIntervalExcludesBothEnds() {
    Validator<Double> ratio = Validator.openUnitInterval();

    assertThat(ratio.check(0.5)).isNull();
    assertThat(ratio.check(0.0)).isNotNull();
    assertThat(ratio.check(1.0)).isNotNull();
  }

  @Test
  void sha256HexWantsExactly64HexDigits() {
    Validator<String> hash = Validator.sha256Hex();

    assertThat(hash.check("a".repeat(64))).isNull();
    assertThat(hash.check("A".repeat(64))).isNull();
    assertThat(hash.check("a".repeat(63))).isNotNull();
    assertThat(hash.check("g".repeat(64))).isNotNull();
  }

  @Test
  void notBlankRejectsWhitespace() {
    assertThat(Validator.notBlank().check(" \t")).isEqualTo("is blank");
    assertThat(Validator.notBlank().check("ops")).isNull();
  }

  @Test
  void rulesAreStatedForTheReference() {
    assertThat(Validator.positiveDuration().rule()).isEqualTo("> 0");
    assertThat(Validator.atLeast(1).rule()).isEqualTo(">= 1");
    assertThat(Validator.any().rule()).isEmpty();
  }
}
