package io.qnwis.agent.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentClassLoaderTest {

  /** A class of this module's test classes, copied into a jar under isolated/ only. */
  static final class Isolated {}

  @TempDir Path dir;

  @Test
  void definesClassesFromUnderIsolatedWithTheJarAsTheirCodeSource() throws Exception {
    Path jar = jarWith(Isolated.class);
    // The parent is the bootstrap loader: it does not know the class, so this loader defines it.
    AgentClassLoader loader = new AgentClassLoader(new JarFile(jar.toFile()), null);

    Class<?> loaded = Class.forName(Isolated.class.getName(), false, loader);

    assertThat(loaded).isNotSameAs(Isolated.class);
    assertThat(loaded.getClassLoader()).isSameAs(loader);
    assertThat(loaded.getProtectionDomain().getCodeSource().getLocation())
        .isEqualTo(jar.toUri().toURL());
    assertThat(Class.forName(Isolated.class.getName(), false, loader)).isSameAs(loaded);
  }

  @Test
  void itsOwnClassesComeFromTheJarBeforeTheParentIsAsked() throws Exception {
    // The parent (this test's loader, standing for the service's) has the class too: asking it
    // first would search the service's whole class path for each of the agent's classes.
    ClassLoader parent =
        new ClassLoader(AgentClassLoaderTest.class.getClassLoader()) {
          @Override
          protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.equals(Isolated.class.getName())) {
              throw new AssertionError("the parent was asked for " + name);
            }
            return super.loadClass(name, resolve);
          }
        };
    AgentClassLoader loader =
        new AgentClassLoader(new JarFile(jarWith(Isolated.class).toFile()), parent);

    Class<?> loaded = Class.forName(Isolated.class.getName(), true, loader);

    assertThat(loaded.getClassLoader()).isSameAs(loader);
    assertThat(Class.forName(String.class.getName(), false, loader)).isSameAs(String.class);
    assertThat(Class.forName(AgentClassLoaderTest.class.getName(), false, loader))
        .isSameAs(AgentClassLoaderTest.class);
  }

  @Test
  void aClassNotUnderIsolatedIsNotFound() throws Exception {
    AgentClassLoader loader =
        new AgentClassLoader(new JarFile(jarWith(Isolated.class).toFile()), null);

    assertThatThrownBy(() -> Class.forName(Isolated.class.getName() + "Missing", false, loader))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void servesResourcesFromUnderIsolatedAsStreamsAndUrls() throws Exception {
    Path jar = jarWith(Isolated.class);
    AgentClassLoader loader = new AgentClassLoader(new JarFile(jar.toFile()), null);
    String name = "io/qnwis/agent/version.properties";

    try (InputStream in = loader.getResourceAsStream(name)) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("version=x");
    }
    URL url = loader.getResource(name);
    assertThat(url.toString()).isEqualTo("jar:" + jar.toUri().toURL() + "!/isolated/" + name);
    try (InputStream in = url.openStream()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("version=x");
    }
    assertThat(Collections.list(loader.getResources(name))).containsExactly(url);
    assertThat(loader.getResourceAsStream("isolated/" + name)).isNull();
    assertThat(loader.getResource("missing.txt")).isNull();
  }

  private Path jarWith(Class<?> type) throws Exception {
    Path jar = dir.resolve("agent.jar");
    String classFile = type.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        InputStream in = type.getClassLoader().getResourceAsStream(classFile)) {
      out.putNextEntry(new JarEntry(AgentClassLoader.PREFIX + classFile));
      in.transferTo(out);
      out.putNextEntry(new JarEntry(AgentClassLoader.PREFIX + "io/qnwis/agent/version.properties"));
      out.write("version=x".getBytes(StandardCharsets.UTF_8));
    }
    return jar;
  }
}
