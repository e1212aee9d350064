package io.qnwis.sample.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void writesDecimalsWithTwoPlacesRoundedHalfEven() {
    String json =
        Json.object()
            .put("a", 1.005)
            .put("b", 2.0)
            .put("c", 0.125)
            .put("d", -3.14159)
            .put("n", 7L)
            .toString();

    assertThat(json).isEqualTo("{\"a\":1.00,\"b\":2.00,\"c\":0.12,\"d\":-3.14,\"n\":7}");
  }

  @Test
  void writesUndefinedNumbersAsNull() {
    assertThat(Json.object().put("x", Double.NaN).put("y", 1 / 0.0).toString())
        .isEqualTo("{\"x\":null,\"y\":null}");
  }

  @Test
  void escapesStringsAndNestsObjectsArraysAndRawFragments() {
    String json =
        Json.object()
            .put("s", "a\"b\\c\nd\u0001")
            .put("list", Json.array().add("x").add(2L).add(Json.object().put("k", true)))
            .putRaw("raw", "{\"cached\":1}")
            .toString();

    assertThat(json)
        .isEqualTo(
            "{\"s\":\"a\\\"b\\\\c\\nd\\u0001\",\"list\":[\"x\",2,{\"k\":true}],"
                + "\"raw\":{\"cached\":1}}");
  }
}
