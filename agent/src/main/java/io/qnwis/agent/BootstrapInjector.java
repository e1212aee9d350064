package io.qnwis.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.Set;
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
    Path bridgeJar = newPrivateFile();
    bridgeJar.toFile().deleteOnExit();
    int copied = copyBootstrapEntries(agentJar, bridgeJar);
    if (copied == 0) {
      throw new IOException("no bootstrap classes found in " + agentJar);
    }
    instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(bridgeJar.toFile()));
  }

  /**
   * A new file only this user can read, like {@link Files#createTempFile} makes, but named without
   * its {@code SecureRandom}, whose seeding and security providers cost start-up tens of ms, and
   * without the pid ({@code ProcessHandle} creates the JDK's process-reaper pool). The name is the
   * clock's nanoseconds, then a counter past any file taken, and the file is created exclusively,
   * so a planted file or link is never written through.
   */
  private static Path newPrivateFile() throws IOException {
    Path dir = Path.of(System.getProperty("java.io.tmpdir"));
    String stamp = Long.toString(System.nanoTime(), 36);
    for (int attempt = 0; ; attempt++) {
      Path file = dir.resolve("qnwis-agent-bootstrap-" + stamp + "-" + attempt + ".jar");
      try {
        return Files.createFile(file, OWNER_ONLY);
      } catch (FileAlreadyExistsException taken) {
        if (attempt >= 100) {
          throw taken;
        }
      }
    }
  }

  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(
          EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));

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
        // A copy keeps the entry's DOS time as it is: a new entry would convert the current time
        // through the time-zone rules, which start-up would pay to load.
        JarEntry copy = new JarEntry(entry);
        copy.setCompressedSize(-1);
        out.putNextEntry(copy);
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
