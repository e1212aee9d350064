package io.qnwis.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;

class YamlDocumentTest {

  private static Object read(String yaml) {
    return YamlDocument.read(yaml, new LoaderOptions());
  }

  /** What SnakeYAML's own safe loader builds: the values the config read before YamlDocument. */
  private static Object safeConstructor(String yaml) {
    return new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "# only a comment\n",
        "a: 1\nb: -17\nc: +5\nd: 0\ne: 1_000\n",
        "hex: 0x1F\noctal: 017\nbinary: 0b101\nbase60: 1:30\n",
        "int: 2147483647\nlong: 2147483648\nnegLong: -2147483649\nbig: 99999999999999999999\n",
        "min: -2147483648\nlongMax: 9223372036854775807\nbeyond: 9223372036854775808\n",
        "a: 0.5\nb: -1.5e3\nc: 1_0.2_5\nd: .inf\ne: -.Inf\nf: 1:30.5\n",
        "t: true\nf: False\ny: yes\nn: NO\non: on\noff: Off\n",
        "n1: null\nn2: ~\nn3:\n",
        "s: plain\nq: '5'\nd: \"30s\"\nlong: 250ms\nglob: 'qnwis:query:*'\n",
        "list: [1, two, 3.0, true, null]\nnested: {a: [ {b: c} ]}\n",
        "seq:\n  - a\n  - {b: 1}\n  -\n    - x\n",
        "base: &b {x: 1, y: 2}\nuse: {<<: *b, y: 3}\n",
        "a: &a {x: 1}\nb: &b {x: 2, z: 2}\nc: {<<: [*a, *b], w: 0}\n",
        "str: !!str 123\nint: !!int '42'\nfloat: !!float '2'\n",
        "1: one\ntrue: yes\n",
        "anchor: &v 5\nalias: *v\n",
      })
  void buildsWhatSnakeYamlsSafeLoaderBuilds(String yaml) {
    assertThat(read(yaml)).isEqualTo(safeConstructor(yaml));
  }

  @Test
  void keepsKeyOrder() {
    @SuppressWarnings("unchecked")
    Map<Object, Object> map = (Map<Object, Object>) read("z: 1\na: 2\nm: 3\n");

    assertThat(map.keySet()).containsExactly("z", "a", "m");
  }

  @Test
  void explicitKeysWinOverMergedOnes() {
    assertThat(read("base: &b {x: 1, y: 2}\nuse:\n  y: 3\n  <<: *b\n"))
        .isEqualTo(Map.of("base", Map.of("x", 1, "y", 2), "use", Map.of("x", 1, "y", 3)));
  }

  @Test
  void duplicateKeyIsRefusedWhereItIs() {
    assertThatThrownBy(() -> read("metrics:\n  port: 1\n  port: 2\n"))
        .isInstanceOf(MarkedYAMLException.class)
        .satisfies(
            e -> {
              MarkedYAMLException marked = (MarkedYAMLException) e;
              assertThat(marked.getProblem()).isEqualTo("found duplicate key port");
              assertThat(marked.getProblemMark().getLine()).isEqualTo(2);
              assertThat(marked.getProblemMark().getColumn()).isEqualTo(2);
            });
  }

  @Test
  void duplicateKeyInAFlowMapIsRefused() {
    assertThatThrownBy(() -> read("a: {x: 1, x: 2}\n"))
        .isInstanceOf(MarkedYAMLException.class)
        .hasMessageContaining("found duplicate key x");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "when: 2026-11-27\n",
        "data: !!binary aGVsbG8=\n",
        "set: !!set {a, b}\n",
        "pairs: !!omap [a: 1, b: 2]\n",
        "file: !!java.io.File {path: /tmp}\n",
        "custom: !mine value\n",
        "bad: {<<: [1, 2]}\n",
      })
  void valuesNoConfigOptionTakesAreRefusedWithTheirPosition(String yaml) {
    assertThatThrownBy(() -> read(yaml))
        .isInstanceOf(MarkedYAMLException.class)
        .satisfies(e -> assertThat(((MarkedYAMLException) e).getProblemMark()).isNotNull());
  }

  @Test
  void aliasLimitOfTheOptionsHolds() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(2);

    assertThatThrownBy(() -> YamlDocument.read("b: &b [x]\nl: [*b, *b, *b]\n", options))
        .hasMessageContaining("aliases");
    assertThat(YamlDocument.read("b: &b [x]\nl: [*b, *b]\n", options))
        .isEqualTo(Map.of("b", List.of("x"), "l", List.of(List.of("x"), List.of("x"))));
  }
}
