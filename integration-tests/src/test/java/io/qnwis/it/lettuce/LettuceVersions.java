package io.qnwis.it.lettuce;

import io.qnwis.it.support.AgentJvm;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Lettuce versions forked services run on: 6.x (this module's dependency) and 7.x, whose class
 * path (Lettuce 7 brings Netty 4.2) Maven resolves once from {@code src/test/lettuce7/pom.xml} into
 * {@code target/lettuce7.classpath}.
 */
final class LettuceVersions {

  private static final String LETTUCE7 = System.getProperty("lettuce7.version", "7.7.0.RELEASE");

  private LettuceVersions() {}

  static Stream<String> all() {
    return Stream.of("6", "7");
  }

  /** The service class path with Lettuce {@code major}. */
  static synchronized String classPath(String major) {
    String base = AgentJvm.serviceClassPath();
    if (major.equals("6")) {
      return base;
    }
    String withoutLettuce6 =
        Arrays.stream(base.split(File.pathSeparator))
            .filter(
                entry ->
                    !entry.contains("/io/lettuce/")
                        && !entry.contains("/io/netty/")
                        && !entry.contains("/io/projectreactor/")
                        && !entry.contains("/org/reactivestreams/"))
            .collect(Collectors.joining(File.pathSeparator));
    return withoutLettuce6 + File.pathSeparator + lettuce7();
  }

  private static String lettuce7() {
    Path file = Path.of("target", "lettuce7.classpath");
    try {
      if (!Files.isRegularFile(file)) {
        Process mvn =
            new ProcessBuilder(
                    "mvn",
                    "-B",
                    "-q",
                    "-f",
                    "src/test/lettuce7/pom.xml",
                    "dependency:build-classpath",
                    "-Dlettuce7.version=" + LETTUCE7,
                    "-Dmdep.outputFile=" + file.toAbsolutePath())
                .inheritIO()
                .start();
        if (!mvn.waitFor(5, TimeUnit.MINUTES) || mvn.exitValue() != 0) {
          throw new IllegalStateException("cannot resolve Lettuce " + LETTUCE7 + " with Maven");
        }
      }
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
