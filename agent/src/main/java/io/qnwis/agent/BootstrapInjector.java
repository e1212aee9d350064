package io.qnwis.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts the {@code io.qnwis.agent.bootstrap} package on the bootstrap class path.
 *
 * <p>Advice inlined into JDK classes (executors) and into classes of any application loader can
 * only rely on seeing bootstrap classes. So the small bridge package is copied from the agent jar
 * into a jar of its own and appended to the bootstrap search path, before anything in the agent
 * touches it: from then on every loader, the agent's included, resolves the bridge to that single
 * copy.
 */
final class BootstrapInjector {

  static final String BOOTSTRAP_PACKAGE_PATH = "io/qnwis/agent/bootstrap/";

  private BootstrapInjector() {}

  static void inject(Instrumentation instrumentation) throws IOException {
    Path agentJar = agentJar();
    Path bridgeJar = Files.createTempFile("qnwis-agent-bootstrap-", ".jar");
    bridgeJar.toFile().deleteOnExit();
    int copied = copyBootstrapEntries(agentJar, bridgeJar);
    if (copied == 0) {
      throw new IOException("no bootstrap classes found in " + agentJar);
    }
    instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(bridgeJar.toFile()));
  }

  static Path agentJar() throws IOException {
    try {
      return new File(
              BootstrapInjector.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toPath();
    } catch (Exception e) {
      throw new IOException("cannot locate the agent jar", e);
    }
  }

  private static int copyBootstrapEntries(Path agentJar, Path target) throws IOException {
    int copied = 0;
    try (JarFile source = new JarFile(agentJar.toFile());
        OutputStream file = Files.newOutputStream(target);
        JarOutputStream out = new JarOutputStream(file)) {
      Enumeration<JarEntry> entries = source.entries();
      while (entries.hasMoreElements()) {
        JarEntry entry = entries.nextElement();
        if (entry.isDirectory() || !entry.getName().startsWith(BOOTSTRAP_PACKAGE_PATH)) {
          continue;
        }
        out.putNextEntry(new JarEntry(entry.getName()));
        try (InputStream in = source.getInputStream(entry)) {
          in.transferTo(out);
        }
        out.closeEntry();
        copied++;
      }
    }
    return copied;
  }
}
