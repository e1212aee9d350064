package io.qnwis.it.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.it.support.AgentJvm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The agent jar is self-contained and every bundled library is relocated under the agent's package,
 * so a service shipping its own Byte Buddy, Prometheus client or SnakeYAML is not disturbed; its
 * layout splits what the bootstrap loader may load from what only the agent's loader may.
 */
class AgentJarContentsTest {

  @Test
  void everyClassAndResourceIsUnderTheAgentPackageOrMetaInf() throws Exception {
    try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
      List<String> outside =
          jar.stream()
              .map(JarEntry::getName)
              .filter(name -> !name.startsWith("META-INF/"))
              .map(
                  name ->
                      name.startsWith("isolated/") ? name.substring("isolated/".length()) : name)
              .filter(name -> !name.startsWith("io/qnwis/agent/"))
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

  /**
   * The launcher appends the agent jar to the bootstrap class path, so every class at its root may
   * be loaded by the bootstrap loader, which sees only the JDK modules it defines: a root class
   * that names a type of any other JDK module (java.sql, the JDK's HTTP server) would fail there as
   * it links. The agent's own classes, which do, lie under isolated/.
   */
  @Test
  void classesAtTheRootNameOnlyJdkTypesTheBootstrapLoaderSees() throws Exception {
    Set<String> notBootstrap = new TreeSet<>();
    for (Module module : ModuleLayer.boot().modules()) {
      if (module.getClassLoader() != null) {
        module.getPackages().forEach(p -> notBootstrap.add(p.replace('.', '/') + "/"));
      }
    }
    assertThat(notBootstrap).contains("java/sql/", "com/sun/net/httpserver/");
    List<String> offending = new ArrayList<>();
    int rootClasses = 0;
    try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
      for (JarEntry entry : jar.stream().toList()) {
        if (entry.getName().startsWith("isolated/") || !entry.getName().endsWith(".class")) {
          continue;
        }
        rootClasses++;
        String text;
        try (InputStream in = jar.getInputStream(entry)) {
          text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        for (String pkg : notBootstrap) {
          if (text.contains(pkg)) {
            offending.add(entry.getName() + " names " + pkg);
          }
        }
      }
    }

    assertThat(rootClasses).isGreaterThan(1_000);
    assertThat(offending).isEmpty();
  }

  @Test
  void theAgentsOwnClassesLieUnderIsolatedAndTheBridgeAndLibrariesAtTheRoot() throws Exception {
    try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
      assertThat(jar.getEntry("isolated/io/qnwis/agent/AgentStarter.class")).isNotNull();
      assertThat(jar.getEntry("isolated/io/qnwis/agent/version.properties")).isNotNull();
      assertThat(jar.getEntry("io/qnwis/agent/AgentStarter.class")).isNull();
      assertThat(jar.getEntry("io/qnwis/agent/launch/AgentLauncher.class")).isNotNull();
      assertThat(classesUnder(jar.stream(), "io/qnwis/agent/bootstrap/")).isNotEmpty();
      assertThat(classesUnder(jar.stream(), "isolated/io/qnwis/agent/bootstrap/")).isEmpty();
      assertThat(classesUnder(jar.stream(), "isolated/io/qnwis/agent/shaded/")).isEmpty();
    }
  }

  /**
   * The JVM has one java.util.logging manager, chosen as logging is first set up: an agent that set
   * it up would take that choice from the service (ServiceSettingsTest runs one). Only SnakeYAML's
   * object constructors log, and the agent builds its values without them.
   */
  @Test
  void onlySnakeYamlsUnusedConstructorsNameJavaUtilLogging() throws Exception {
    assertThat(classesNaming("java/util/logging/"))
        .isNotEmpty() // the check finds names where there are any
        .allSatisfy(
            name ->
                assertThat(name)
                    .startsWith("io/qnwis/agent/shaded/snakeyaml/")
                    .matches(
                        ".*/(internal/Logger.*|constructor/.*|introspector/.*|TypeDescription)\\.class"));
  }

  /**
   * Starting a JDK HTTP server fixes its settings for the whole JVM (ServiceSettingsTest runs a
   * service that tunes its own), and a jlinked runtime may lack the module: the endpoint has a
   * server of its own.
   */
  @Test
  void noClassNamesTheJdkHttpServer() throws Exception {
    assertThat(classesNaming("com/sun/net/httpserver/")).isEmpty();
    assertThat(classesNaming("java/util/logging/")).isNotEmpty(); // the search finds names
  }

  /** The classes in the agent jar whose bytes contain {@code internalName}. */
  private static List<String> classesNaming(String internalName) throws IOException {
    List<String> naming = new ArrayList<>();
    try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
      for (JarEntry entry : jar.stream().toList()) {
        if (!entry.getName().endsWith(".class")) {
          continue;
        }
        try (InputStream in = jar.getInputStream(entry)) {
          if (new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains(internalName)) {
            naming.add(entry.getName());
          }
        }
      }
    }
    return naming;
  }

  private static List<String> classesUnder(Stream<JarEntry> entries, String prefix) {
    return entries
        .map(JarEntry::getName)
        .filter(name -> name.startsWith(prefix) && name.endsWith(".class"))
        .toList();
  }

  @Test
  void manifestNamesEveryEntryPoint() throws Exception {
    try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
      Attributes manifest = jar.getManifest().getMainAttributes();

      assertThat(manifest.getValue("Premain-Class"))
          .isEqualTo("io.qnwis.agent.launch.AgentLauncher");
      assertThat(manifest.getValue("Agent-Class")).isEqualTo("io.qnwis.agent.launch.AgentLauncher");
      assertThat(manifest.getValue("Main-Class")).isEqualTo("io.qnwis.agent.launch.AgentLauncher");
      assertThat(manifest.getValue("Can-Retransform-Classes")).isEqualTo("true");
    }
  }
}
