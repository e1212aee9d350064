package io.qnwis.agent.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonWriterTest {

  @Test
  void writesNestedObjectsAndArraysWithCommas() {
    String json =
        new JsonWriter()
            .beginObject()
            .field("name", "query")
            .field("hits", 3)
            .name("rules")
            .beginArray()
            .value("a")
            .value("b")
            .endArray()
            .field("ratio", 0.5)
            .field("ok", true)
            .endObject()
            .toString();

    assertThat(json)
        .isEqualTo(
            "{\"name\":\"query\",\"hits\":3,\"rules\":[\"a\",\"b\"],\"ratio\":0.5,\"ok\":true}");
  }

  @Test
  void escapesQuotesBackslashesAndControlCharacters() {
    String json = new JsonWriter().value("say \"hi\"\\\n\t\u0001").toString();

    assertThat(json).isEqualTo("\"say \\\"hi\\\"\\\\\\n\\t\\u0001\"");
  }

  @Test
  void writesNonFiniteNumbersAsNull() {
    String json =
        new JsonWriter()
            .beginArray()
            .value(Double.NaN)
            .value(Double.POSITIVE_INFINITY)
            .endArray()
            .toString();

    assertThat(json).isEqualTo("[null,null]");
  }
}
