package io.qnwis.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/configuration.md in step with {@link ConfigOptions}. When an option changes,
 * regenerate the reference table with
 *
 * <pre>mvn -B -q -pl agent test -Dtest=ConfigurationDocTest -Dqnwis.docs.update=true</pre>
 *
 * and review the diff.
 */
class ConfigurationDocTest {

  static final Path DOC = Path.of("..", "docs", "configuration.md");
  static final String BEGIN = "<!-- BEGIN GENERATED: ConfigOptions.referenceTable() -->\n";
  static final String END = "<!-- END GENERATED -->";

  @Test
  void referenceTableMatchesTheOptionsInCode() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    int begin = doc.indexOf(BEGIN);
    int end = doc.indexOf(END);
    assertThat(begin).as("%s has the generated-table markers", DOC).isNotNegative();
    assertThat(end).isGreaterThan(begin);
    String expected = ConfigOptions.referenceTable();
    String actual = doc.substring(begin + BEGIN.length(), end);

    if (Boolean.getBoolean("qnwis.docs.update") && !actual.equals(expected)) {
      Files.writeString(
          DOC,
          doc.substring(0, begin + BEGIN.length()) + expected + doc.substring(end),
          StandardCharsets.UTF_8);
      return;
    }

    assertThat(actual)
        .as(
            "docs/configuration.md is out of date; regenerate with mvn -B -q -pl agent test"
                + " -Dtest=ConfigurationDocTest -Dqnwis.docs.update=true")
        .isEqualTo(expected);
  }

  @Test
  void everyOptionIsInTheDoc() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);

    for (ConfigOption<?> option : ConfigOptions.all()) {
      assertThat(doc).contains("`" + option.key() + "`");
    }
  }

  @Test
  void fullExampleOfTheDocIsAValidConfig() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    String marker = "<!-- example: must stay valid (ConfigurationDocTest) -->\n```yaml\n";
    int start = doc.indexOf(marker);
    assertThat(start).isNotNegative();
    String yaml =
        doc.substring(start + marker.length(), doc.indexOf("```", start + marker.length()));

    ConfigResult result = ConfigLoader.parse(yaml, "docs/configuration.md example");

    assertThat(result.problems()).isEmpty();
  }
}
