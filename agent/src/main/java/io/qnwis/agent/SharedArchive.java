package io.qnwis.agent;

import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Keeps a service's class-data sharing archive (AppCDS, the AOT cache of JDK 24+) in use for its
 * own classes. Once anything is appended to the bootstrap class path, the JVM takes only the JDK's
 * classes from a static archive (JDK 17) or from any archive (JDK 25), and says so on stderr. So
 * when the JVM's options name such an archive, the launcher does not append the agent jar: this
 * class defines the bridge, the only classes that must be in the bootstrap loader (woven JDK
 * classes call it), there directly, and the bundled libraries load in the agent's own loader.
 * Without an archive, appending is the faster way: the bootstrap loader loads the libraries without
 * verifying them (docs/architecture.md, "Class loaders"; docs/operations.md).
 *
 * <p>Called by the launcher through the agent's class loader, before any bundled library loads.
 */
public final class SharedArchive {

  /** Where the bridge lies in the agent jar, at its root. */
  private static final String BRIDGE = "io/qnwis/agent/bootstrap/";

  /** The JVM options that map or write an archive holding application classes. */
  private static final List<String> ARCHIVE_OPTIONS =
      List.of(
          "-XX:SharedArchiveFile=",
          "-XX:+AutoCreateSharedArchive",
          "-XX:ArchiveClassesAtExit=",
          "-XX:AOTCache=",
          "-XX:AOTCacheOutput=",
          "-XX:AOTConfiguration=");

  private SharedArchive() {}

  /**
   * If the JVM runs with an archive of application classes, defines the bridge in the bootstrap
   * loader from {@code jar} and returns true: the launcher must then not append the jar. False
   * otherwise, and if that fails (logged): the launcher appends the jar as without an archive.
   */
  public static boolean defineBridgeIfArchived(Instrumentation instrumentation, JarFile jar) {
    try {
      // To this loader's module only: the service's own classes see no more of the JDK than before.
      instrumentation.redefineModule(
          Object.class.getModule(),
          Set.of(),
          Map.of("jdk.internal.misc", Set.of(SharedArchive.class.getModule())),
          Map.of(),
          Set.of(),
          Map.of());
      String[] options =
          (String[])
              Class.forName("jdk.internal.misc.VM").getMethod("getRuntimeArguments").invoke(null);
      if (!archived(options)) {
        return false;
      }
      defineBridge(jar);
      return true;
    } catch (Throwable error) {
      AgentLog.warn(
          "cannot keep the class-data sharing archive in use for the service's classes; the JVM"
              + " takes only the JDK's from it",
          error);
      return false;
    }
  }

  /** Whether {@code options} (the JVM's) map or write an archive of application classes. */
  static boolean archived(String[] options) {
    for (String option : options) {
      for (String archiveOption : ARCHIVE_OPTIONS) {
        if (option.startsWith(archiveOption)) {
          return true;
        }
      }
      if (option.startsWith("-XX:AOTMode=") && !option.equals("-XX:AOTMode=off")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Defines every class under {@value #BRIDGE} in the bootstrap loader. A class whose supertype in
   * the bridge is not defined yet fails to define, and is tried again in the next round.
   */
  private static void defineBridge(JarFile jar) throws Exception {
    Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
    Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
    Method define =
        unsafeType.getMethod(
            "defineClass",
            String.class,
            byte[].class,
            int.class,
            int.class,
            ClassLoader.class,
            ProtectionDomain.class);
    List<JarEntry> pending = new ArrayList<>();
    for (JarEntry entry : (Iterable<JarEntry>) jar.stream()::iterator) {
      if (entry.getName().startsWith(BRIDGE) && entry.getName().endsWith(".class")) {
        pending.add(entry);
      }
    }
    while (!pending.isEmpty()) {
      List<JarEntry> later = new ArrayList<>();
      NoClassDefFoundError missing = null;
      for (JarEntry entry : pending) {
        byte[] bytes;
        try (InputStream in = jar.getInputStream(entry)) {
          bytes = in.readAllBytes();
        }
        String path = entry.getName();
        String name = path.substring(0, path.length() - ".class".length()).replace('/', '.');
        try {
          define.invoke(unsafe, name, bytes, 0, bytes.length, null, null);
        } catch (InvocationTargetException failed) {
          if (!(failed.getCause() instanceof NoClassDefFoundError supertypeFirst)) {
            throw failed;
          }
          missing = supertypeFirst;
          later.add(entry);
        }
      }
      if (later.size() == pending.size()) {
        throw new IllegalStateException("cannot define the bridge: " + later, missing);
      }
      pending = later;
    }
  }
}
