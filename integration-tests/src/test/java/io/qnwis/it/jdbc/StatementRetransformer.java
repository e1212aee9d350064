package io.qnwis.it.jdbc;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A second agent, as a profiler or another vendor's agent would be, that retransforms classes the
 * QNWIS agent has woven. Its jar holds only a manifest: the class itself is on the service's class
 * path.
 */
public final class StatementRetransformer {

  private static volatile Instrumentation instrumentation;

  private StatementRetransformer() {}

  public static void premain(String args, Instrumentation inst) {
    instrumentation = inst;
  }

  /** Writes the agent's jar; pass it as {@code -javaagent:}. */
  static Path jar() throws IOException {
    Manifest manifest = new Manifest();
    Attributes attributes = manifest.getMainAttributes();
    attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    attributes.putValue("Premain-Class", StatementRetransformer.class.getName());
    attributes.putValue("Can-Retransform-Classes", "true");
    Path jar = Files.createTempFile("statement-retransformer-", ".jar");
    jar.toFile().deleteOnExit();
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream ignored = new JarOutputStream(out, manifest)) {
      return jar;
    }
  }

  /** Retransforms every loaded statement class of an application loader; returns how many. */
  static int retransformStatementClasses() throws Exception {
    List<Class<?>> statements = new ArrayList<>();
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      if (Statement.class.isAssignableFrom(type)
          && !type.isInterface()
          && type.getClassLoader() != null
          && instrumentation.isModifiableClass(type)) {
        statements.add(type);
      }
    }
    instrumentation.retransformClasses(statements.toArray(new Class<?>[0]));
    return statements.size();
  }
}
