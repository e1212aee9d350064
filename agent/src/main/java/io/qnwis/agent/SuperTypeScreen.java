package io.qnwis.agent;

import io.qnwis.agent.instrumentation.TypeInstrumentation;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Passes over a loading class that no instrumentation can match, judged from class file headers
 * ({@link ClassHeader}) before Byte Buddy parses anything: every instrumentation names the types of
 * which the class itself or a supertype must be one ({@code
 * TypeInstrumentation.requiredTypeNames}), and a class that reaches none of them is no target.
 * Describing a class with Byte Buddy costs its whole class file (methods, generic signatures) and
 * that of each supertype; a service's start loads thousands of classes outside the packages {@link
 * IgnoredTypes} skips by name.
 *
 * <p>The walk goes no higher than the JDBC matchers' ({@link
 * TypeInstrumentation#hierarchyWalkStopsAt}). A supertype whose class file cannot be read, or a
 * class file this reader does not understand, leaves the class to Byte Buddy's matchers. What each
 * type reaches is remembered per loader (loaders held weakly, {@link #MAX_TYPES} names at most), so
 * a supertype shared by many classes is read once.
 */
final class SuperTypeScreen {

  static final int MAX_TYPES = 20_000;

  /** Walks deeper than this are left to the matchers (a malformed or cyclic hierarchy). */
  private static final int MAX_DEPTH = 64;

  private final Set<String> required;
  private final int maxTypes;
  private final AtomicInteger remembered = new AtomicInteger();
  private final Map<ClassLoader, Map<String, Boolean>> byLoader = new WeakHashMap<>();

  /** {@code required}: the names any instrumentation requires; null screens nothing out. */
  SuperTypeScreen(Set<String> required) {
    this(required, MAX_TYPES);
  }

  SuperTypeScreen(Set<String> required, int maxTypes) {
    this.required = required;
    this.maxTypes = maxTypes;
  }

  /**
   * False only if the class {@code name} of {@code loader}, whose class file is {@code classFile}
   * and which comes from {@code location} (its code source, or null), is none of the required types
   * and reaches none of them.
   */
  boolean mayMatch(String name, ClassLoader loader, URL location, byte[] classFile) {
    if (required == null || required.contains(name)) {
      return true;
    }
    if (loader == null) {
      return true; // the boot loader's: IgnoredTypes lets its targets alone through, by name
    }
    Walk walk = new Walk(loader, location, known(loader));
    boolean reaches = reaches(ClassHeader.read(classFile), walk, 0);
    remember(walk.known(), name, reaches);
    return reaches;
  }

  /** What the walk of one loading class reads from and remembers in. */
  private record Walk(ClassLoader loader, URL location, Map<String, Boolean> known) {}

  private boolean reaches(ClassHeader header, Walk walk, int depth) {
    if (header == null || depth > MAX_DEPTH) {
      return true;
    }
    if (header.superName() != null && reaches(header.superName(), walk, depth)) {
      return true;
    }
    for (String each : header.interfaceNames()) {
      if (reaches(each, walk, depth)) {
        return true;
      }
    }
    return false;
  }

  private boolean reaches(String name, Walk walk, int depth) {
    if (required.contains(name)) {
      return true;
    }
    if (TypeInstrumentation.hierarchyWalkStopsAt(name)) {
      return false;
    }
    Boolean earlier = walk.known().get(name);
    if (earlier != null) {
      return earlier;
    }
    boolean reaches = reaches(ClassHeader.read(classFile(walk, name)), walk, depth + 1);
    remember(walk.known(), name, reaches);
    return reaches;
  }

  /**
   * A supertype's class file: first from the loading class's own jar or directory, where it usually
   * lies, which spares the loader's search (its parents first, then each entry of its class path in
   * turn); else through the loader. Null if neither has it.
   */
  private static byte[] classFile(Walk walk, String name) {
    String path = name.replace('.', '/') + ".class";
    byte[] beside = besideTheClass(walk.location(), path);
    if (beside != null) {
      return beside;
    }
    try (InputStream in = walk.loader().getResourceAsStream(path)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }

  private static byte[] besideTheClass(URL location, String path) {
    if (location == null || !"file".equals(location.getProtocol())) {
      return null; // nested jars and other schemes: the loader knows how to read them
    }
    try {
      String base = location.toExternalForm();
      URL url = base.endsWith("/") ? new URL(location, path) : new URL("jar:" + base + "!/" + path);
      try (InputStream in = url.openStream()) {
        return in.readAllBytes();
      }
    } catch (IOException | RuntimeException absent) {
      return null;
    }
  }

  private Map<String, Boolean> known(ClassLoader loader) {
    synchronized (byLoader) {
      Map<String, Boolean> known = byLoader.get(loader);
      if (known == null) {
        known = new ConcurrentHashMap<>();
        byLoader.put(loader, known);
      }
      return known;
    }
  }

  private void remember(Map<String, Boolean> known, String name, boolean reaches) {
    if (remembered.incrementAndGet() > maxTypes) {
      remembered.decrementAndGet();
      return;
    }
    if (known.putIfAbsent(name, reaches) != null) {
      remembered.decrementAndGet();
    }
  }
}
