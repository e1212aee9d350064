package io.qnwis.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({"250ms, 250", "30s, 30000", "5m, 300000", "1h, 3600000", "3600s, 3600000", "0s, 0"})
  void parsesEachUnit(String text, long millis) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @Test
  void parsesNegativeSoThatValidationCanSayItIsNotPositive() {
    assertThat(Durations.parse("-5s")).isEqualTo(Duration.ofSeconds(-5));
  }

  @Test
  void toleratesSurroundingSpaces() {
    assertThat(Durations.parse(" 30s ")).isEqualTo(Duration.ofSeconds(30));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "30", "1.5"})
  void bareNumberHasNoUnit(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("has no unit: write a duration like 250ms, 30s, 5m or 1h");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "s", "30 s", "30S", "1d", "1.5s", "PT30S", "thirty seconds"})
  void rejectsWhatIsNotADuration(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("is not a duration like 250ms, 30s, 5m or 1h");
  }

  @Test
  void rejectsAmountsTooLargeToBeMeant() {
    assertThatThrownBy(() -> Durations.parse("99999999999999999999h"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({"3600000, 1h", "300000, 5m", "90000, 90s", "1500, 1500ms", "500, 500ms", "0, 0s"})
  void formatsInTheShortestExactUnit(long millis, String text) {
    assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"250ms", "30s", "5m", "1h", "90s", "1500ms"})
  void formatReadsBackAsTheSameDuration(String text) {
    Duration duration = Durations.parse(text);

    assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
  }
}
