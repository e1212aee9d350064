package io.qnwis.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StartOnlyOptionsTest {

  @Test
  void coversExactlyTheOptionsDeclaredStartOnly() {
    List<ConfigOption<?>> declared =
        ConfigOptions.all().stream()
            .filter(option -> !option.reloadable() && option.type() != ValueType.SECTION)
            .toList();

    assertThat(StartOnlyOptions.all()).containsExactlyInAnyOrderElementsOf(declared);
  }

  @Test
  void namesEachChangedStartOnlyOptionWithOldAndNewValue() {
    AgentConfig before = ConfigLoaderTest.valid("metrics: {port: 9400}\n");
    AgentConfig after = ConfigLoaderTest.valid("metrics: {port: 9500}\njdbc: {enabled: false}\n");

    assertThat(StartOnlyOptions.changed(before, after))
        .containsExactly("metrics.port (9400 to 9500)", "jdbc.enabled (true to false)");
  }

  @Test
  void reloadableChangesAreNotReported() {
    AgentConfig before = ConfigLoaderTest.valid("jdbc: {slow_query_threshold: 1s}\n");
    AgentConfig after = ConfigLoaderTest.valid("jdbc: {slow_query_threshold: 2s}\n");

    assertThat(StartOnlyOptions.changed(before, after)).isEmpty();
  }
}
