package io.qnwis.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void writtenFiguresParseBackToTheSameValues() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("name", "say \"hi\"\n\tback\\slash");
    data.put("score", 12.5);
    data.put("flags", List.of(true, false));
    data.put("nothing", null);
    data.put("empty", Map.of());

    Object parsed = Json.parse(Json.write(data));

    assertThat(parsed).isEqualTo(data);
  }

  @Test
  void integersParseAsLongsAndDecimalsAsDoubles() {
    assertThat(Json.parse("[5, -3, 2.0, 12345678901234567890]"))
        .isEqualTo(java.util.List.of(5L, -3L, 2.0, 1.2345678901234567e19));
  }

  @Test
  void nonFiniteNumbersAreWrittenAsNull() {
    assertThat(Json.write(List.of(Double.NaN, Double.POSITIVE_INFINITY)).replaceAll("\\s", ""))
        .isEqualTo("[null,null]");
  }

  @Test
  void parsesUnicodeEscapesAndExponents() {
    assertThat(Json.parse("{\"a\": \"\\u00e9\", \"b\": 1.5e3}"))
        .isEqualTo(Map.of("a", "é", "b", 1500.0));
  }

  @Test
  void rejectsTrailingGarbageNamingTheOffset() {
    assertThatThrownBy(() -> Json.parse("{} x")).hasMessageContaining("offset 3");
  }
}
