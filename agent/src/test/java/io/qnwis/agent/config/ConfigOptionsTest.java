package io.qnwis.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigOptionsTest {

  @Test
  void keysAreUnique() {
    Set<String> keys = new HashSet<>();
    for (ConfigOption<?> option : ConfigOptions.all()) {
      assertThat(keys.add(option.key())).as(option.key()).isTrue();
    }
  }

  @Test
  void everyNestedOptionHasItsSectionOrList() {
    Set<String> containers = new HashSet<>(List.of("", "ttl"));
    for (ConfigOption<?> option : ConfigOptions.all()) {
      if (option.type() == ValueType.SECTION) {
        containers.add(option.key());
      } else if (option.type() == ValueType.LIST) {
        containers.add(option.key() + "[]");
      }
    }
    for (ConfigOption<?> option : ConfigOptions.all()) {
      assertThat(containers).as(option.key()).contains(option.parent());
    }
  }

  @Test
  void everyOptionIsDescribed() {
    for (ConfigOption<?> option : ConfigOptions.all()) {
      assertThat(option.description()).as(option.key()).isNotBlank().endsWith(".");
    }
  }

  @Test
  void requiredOptionsHaveNoDefault() {
    for (ConfigOption<?> option : ConfigOptions.all()) {
      if (option.required()) {
        assertThat(option.defaultValue()).as(option.key()).isNull();
      }
    }
  }

  @Test
  void defaultsPassTheirOwnValidators() {
    for (ConfigOption<?> option : ConfigOptions.all()) {
      assertThat(checkDefault(option)).as(option.key()).isNull();
    }
  }

  @Test
  void childrenOfASectionAreInReferenceOrder() {
    assertThat(ConfigOptions.childrenOf("metrics"))
        .extracting(ConfigOption::name)
        .containsExactly("host", "port", "max_label_values", "basic_auth");
  }

  @Test
  void referenceTableHasOneRowPerOption() {
    String[] lines = ConfigOptions.referenceTable().split("\n");

    assertThat(lines).hasSize(ConfigOptions.all().size() + 2);
  }

  @Test
  void referenceTableEscapesPipesInCells() {
    assertThat(ConfigOptions.referenceTable()).contains("printf %s 'secret' \\| sha256sum");
  }

  private static <T> String checkDefault(ConfigOption<T> option) {
    return option.defaultValue() == null ? null : option.validator().check(option.defaultValue());
  }
}
