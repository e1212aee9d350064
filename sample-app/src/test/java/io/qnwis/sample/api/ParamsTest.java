package io.qnwis.sample.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParamsTest {

  @Test
  void decodesParametersAndKeepsTheFirstOfRepeatedOnes() {
    Params params = Params.parse("sector=real%20estate&year=2020&year=2021&flag");

    assertThat(params.get("sector")).isEqualTo("real estate");
    assertThat(params.year()).isEqualTo(2020);
    assertThat(params.get("flag")).isEmpty();
    assertThat(params.get("absent")).isNull();
  }

  @Test
  void defaultsTheYearToTheLatestWithData() {
    assertThat(Params.parse(null).year()).isEqualTo(2024);
    assertThat(Params.parse("year=").year()).isEqualTo(2024);
  }

  @Test
  void rejectsYearsWithoutDataAndMalformedQueries() {
    assertThatThrownBy(() -> Params.parse("year=2014").year())
        .isInstanceOf(BadRequest.class)
        .hasMessage("parameter 'year' must be a year from 2015 to 2024, not '2014'");
    assertThatThrownBy(() -> Params.parse("year=soon").year()).isInstanceOf(BadRequest.class);
    assertThatThrownBy(() -> Params.parse("sector=%zz")).isInstanceOf(BadRequest.class);
  }
}
