package io.qnwis.it.support;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A second agent, as a profiler or another vendor's agent would be, that retransforms classes the
 * QNWIS agent has woven. Its jar holds only a manifest: the class itself is on the service's class
 * path.
 */
public final class Retransformer {

  private static volatile Instrumentation instrumentation;

  private Retransformer() {}

  /** Class file sizes this agent's transformer was offered, by class, as loaded. */
  private static final Map<String, Integer> loaded = new ConcurrentHashMap<>();

  /** Names of classes a retransformation offered to this agent larger than they loaded. */
  private static final Set<String> grown = ConcurrentHashMap.newKeySet();

  public static void premain(String args, Instrumentation inst) {
    instrumentation = inst;
    // Sees what the agents before it made of each class, as it loads and when retransformed.
    inst.addTransformer(
        new ClassFileTransformer() {
          @Override
          public byte[] transform(
              Module module,
              ClassLoader loader,
              String name,
              Class<?> redefined,
              ProtectionDomain domain,
              byte[] classFile) {
            if (name != null && loader != null) {
              if (redefined == null) {
                loaded.put(name, classFile.length);
              } else if (classFile.length > loaded.getOrDefault(name, Integer.MAX_VALUE)) {
                grown.add(name);
              }
            }
            return null;
          }
        },
        true);
  }

  /**
   * Classes of application loaders that came out of a retransformation larger than they loaded: an
   * agent before this one wove woven code a second time.
   */
  public static Set<String> grown() {
    return new TreeSet<>(grown);
  }

  /** Writes the agent's jar; pass it as {@code -javaagent:}. */
  public static Path jar() throws IOException {
    Manifest manifest = new Manifest();
    Attributes attributes = manifest.getMainAttributes();
    attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    attributes.putValue("Premain-Class", Retransformer.class.getName());
    attributes.putValue("Can-Retransform-Classes", "true");
    Path jar = Files.createTempFile("retransformer-", ".jar");
    jar.toFile().deleteOnExit();
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream ignored = new JarOutputStream(out, manifest)) {
      return jar;
    }
  }

  /** Retransforms every loaded class {@code which} accepts; returns how many. */
  public static int retransform(Predicate<Class<?>> which) throws Exception {
    List<Class<?>> classes = new ArrayList<>();
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      if (which.test(type) && instrumentation.isModifiableClass(type)) {
        classes.add(type);
      }
    }
    instrumentation.retransformClasses(classes.toArray(new Class<?>[0]));
    return classes.size();
  }
}
