package io.qnwis.it.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The JDKs end-to-end tests run the agent on: this one (17) and Temurin 25 where installed. */
public final class Jdks {

  private Jdks() {}

  public static Path current() {
    return Path.of(System.getProperty("java.home"));
  }

  /** Temurin 25's home, or null if this machine has none (tests on it are then skipped). */
  public static Path jdk25() {
    Path home =
        Path.of(System.getProperty("qnwis.jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    return Files.isExecutable(home.resolve("bin/java")) ? home : null;
  }

  /** For parameterized tests: every JDK available here. */
  public static Stream<Path> all() {
    Path jdk25 = jdk25();
    return (jdk25 == null ? List.of(current()) : List.of(current(), jdk25)).stream();
  }
}
