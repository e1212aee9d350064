package io.qnwis.bench.startup;

import java.io.File;
import java.io.IOException;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

/**
 * Loads, without initialising, every class of the class path's jars whose path matches the pattern
 * in {@code args[0]}, then prints how many and how long it took: class loading as a service with
 * many library classes does it at start-up, which is what every loaded class costs an agent's class
 * file transformer. Run it with and without an agent, interleaved, e.g. on the benchmarks' class
 * path with {@code '.*(commons-math3|jmh-core|postgresql|jopt-simple).*'} (2,164 classes;
 * docs/architecture.md).
 */
public final class LibraryMain {

  public static final String MARKER = "qnwis-bench-library-loaded";

  private LibraryMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: LibraryMain JAR_PATH_REGEX");
      System.exit(2);
    }
    Pattern jars = Pattern.compile(args[0]);
    long start = System.nanoTime();
    int loaded = 0;
    int failed = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.endsWith(".jar") || !jars.matcher(entry).matches()) {
        continue;
      }
      try (JarFile jar = new JarFile(entry)) {
        for (Enumeration<JarEntry> each = jar.entries(); each.hasMoreElements(); ) {
          String name = each.nextElement().getName();
          if (!name.endsWith(".class") || name.startsWith("META-INF/") || name.contains("-info")) {
            continue;
          }
          try {
            String type = name.substring(0, name.length() - ".class".length()).replace('/', '.');
            Class.forName(type, false, LibraryMain.class.getClassLoader());
            loaded++;
          } catch (LinkageError | ClassNotFoundException optionalDependencyMissing) {
            failed++;
          }
        }
      }
    }
    System.out.printf(
        "%s classes=%d failed=%d ms=%d%n",
        MARKER, loaded, failed, (System.nanoTime() - start) / 1_000_000);
  }
}
