package io.qnwis.agent;

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
import java.util.Set;
import java.util.jar.JarFile;

/**
 * Puts the {@code io.qnwis.agent.bootstrap} package on the bootstrap class path.
 *
 * <p>Advice inlined into JDK classes (executors) and into classes of any application loader can
 * only rely on seeing bootstrap classes. So the small bridge package, which the build also packs
 * into a jar of its own inside the agent jar ({@value #BRIDGE_JAR}), is copied out to a file and
 * appended to the bootstrap search path, before anything in the agent touches it: from then on
 * every loader, the agent's included, resolves the bridge to that single copy.
 */
final class BootstrapInjector {

  /** Beside this class in the agent jar; made by the build (agent/pom.xml). */
  static final String BRIDGE_JAR = "qnwis-agent-bootstrap.jar";

  private BootstrapInjector() {}

  static void inject(Instrumentation instrumentation) throws IOException {
    Path bridgeJar = newPrivateFile();
    bridgeJar.toFile().deleteOnExit();
    try (InputStream in = BootstrapInjector.class.getResourceAsStream(BRIDGE_JAR);
        OutputStream out = Files.newOutputStream(bridgeJar)) {
      if (in == null) {
        throw new IOException("the agent jar holds no " + BRIDGE_JAR);
      }
      in.transferTo(out);
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
}
