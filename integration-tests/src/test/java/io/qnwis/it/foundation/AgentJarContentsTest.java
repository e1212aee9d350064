package io.qnwis.it.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.it.support.AgentJvm;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The agent jar is self-contained and every bundled library is relocated under the agent's package,
 * so a service shipping its own Byte Buddy, Prometheus client or SnakeYAML is not disturbed.
 */
class AgentJarContentsTest {

  @Test
  void everyClassAndResourceIsUnderTheAgentPackageOrMetaInf() throws Exception {
    try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
      List<String> outside =
          jar.stream()
              .map(JarEntry::getName)
              .filter(name -> !name.startsWith("META-INF/") && !name.startsWith("io/qnwis/agent/"))
              .filter(name -> !"io/qnwis/agent/".startsWith(name)) // the directories above it
              .toList();

      assertThat(outside).isEmpty();
    }
  }

  @Test
  void bundlesTheShadedLibraries() throws Exception {
    try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
      assertThat(jar.getEntry("io/qnwis/agent/shaded/bytebuddy/agent/builder/AgentBuilder.class"))
          .isNotNull();
      assertThat(jar.getEntry("io/qnwis/agent/shaded/snakeyaml/Yaml.class")).isNotNull();
      assertThat(jar.getEntry("io/qnwis/agent/shaded/bytebuddy/agent/ByteBuddyAgent.class"))
          .isNotNull();
    }
  }

  @Test
  void bundlesTheBootstrapBridgeAsAJarOfItsOwnWithEveryBridgeClass() throws Exception {
    try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
      List<String> bridgeClasses = classesUnder(jar.stream(), "io/qnwis/agent/bootstrap/");
      JarEntry nested = jar.getJarEntry("io/qnwis/agent/qnwis-agent-bootstrap.jar");
      assertThat(nested).isNotNull();
      List<String> bundled = new ArrayList<>();
      try (JarInputStream in = new JarInputStream(jar.getInputStream(nested))) {
        for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
          bundled.add(entry.getName());
        }
      }

      assertThat(bridgeClasses).isNotEmpty();
      assertThat(classesUnder(bundled.stream(), ""))
          .containsExactlyInAnyOrderElementsOf(bridgeClasses);
    }
  }

  private static List<String> classesUnder(Stream<?> entries, String prefix) {
    return entries
        .map(entry -> entry instanceof JarEntry jarEntry ? jarEntry.getName() : (String) entry)
        .filter(name -> name.startsWith(prefix) && name.endsWith(".class"))
        .toList();
  }

  @Test
  void manifestNamesEveryEntryPoint() throws Exception {
    try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
      Attributes manifest = jar.getManifest().getMainAttributes();

      assertThat(manifest.getValue("Premain-Class")).isEqualTo("io.qnwis.agent.QnwisAgent");
      assertThat(manifest.getValue("Agent-Class")).isEqualTo("io.qnwis.agent.QnwisAgent");
      assertThat(manifest.getValue("Main-Class")).isEqualTo("io.qnwis.agent.cli.AgentCli");
      assertThat(manifest.getValue("Can-Retransform-Classes")).isEqualTo("true");
    }
  }
}
