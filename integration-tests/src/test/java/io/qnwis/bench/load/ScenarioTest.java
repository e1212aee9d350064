package io.qnwis.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioTest {

  @Test
  void cyclesThroughTheGivenNumberOfSectorAndYearCombinations() {
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      paths.add(Scenario.MEDIUM.path(i, 4, List.of("A", "B")));
    }

    assertThat(paths)
        .containsExactly(
            "/api/query/medium?sector=A&year=2024",
            "/api/query/medium?sector=B&year=2024",
            "/api/query/medium?sector=A&year=2023",
            "/api/query/medium?sector=B&year=2023",
            "/api/query/medium?sector=A&year=2024");
  }

  @Test
  void asksTheDashboardAboutYearsOnly() {
    assertThat(Scenario.DASHBOARD.path(0, 16, List.of("A"))).isEqualTo("/api/dashboard?year=2024");
    assertThat(Scenario.DASHBOARD.path(3, 16, List.of("A"))).isEqualTo("/api/dashboard?year=2021");
    assertThat(Scenario.DASHBOARD.path(12, 16, List.of("A"))).isEqualTo("/api/dashboard?year=2022");
  }
}
