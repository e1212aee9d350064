package io.qnwis.it.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.it.support.AgentJvm;
import io.qnwis.it.support.Fixtures;
import io.qnwis.it.support.Jdks;
import io.qnwis.it.support.Scrape;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A service started with a class-data sharing archive of its own classes keeps taking them from the
 * archive with the agent attached, and the agent observes it as usual. Had the agent appended its
 * jar to the bootstrap class path, as it does without an archive, the JVM would warn on stderr and
 * take only the JDK's classes from the archive: from any archive on JDK 25, from a static one on
 * JDK 17 (this test's archive is dynamic, so on JDK 17 only the warning tells).
 */
class SharedArchiveTest {

  private static final String APPENDED_WARNING = "bootstrap classpath has been appended";

  static Stream<Path> jdks() {
    return Jdks.all();
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void theServicesClassesStillComeFromItsArchiveAndAreObserved(Path javaHome, @TempDir Path dir)
      throws Exception {
    String classPath = serviceJar(dir).toString();
    Path archive = dir.resolve("service.jsa");
    try (AgentJvm dump =
        AgentJvm.builder(ArchivedService.class)
            .withoutAgent()
            .javaHome(javaHome)
            .classPath(classPath)
            .jvmArg("-XX:ArchiveClassesAtExit=" + archive)
            .start()) {
      dump.awaitReady();
      assertThat(dump.finish(Duration.ofSeconds(60))).as(dump.output()).isZero();
    }
    assertThat(archive).exists();

    Path classLoads = dir.resolve("class-load.log");
    try (AgentJvm jvm =
        AgentJvm.builder(ArchivedService.class)
            .javaHome(javaHome)
            .classPath(classPath)
            .jvmArg("-XX:SharedArchiveFile=" + archive)
            .jvmArg("-Xlog:class+load=info:file=" + classLoads)
            .start()) {
      jvm.awaitReady().awaitEndpoint();

      assertThat(jvm.output())
          .doesNotContain(APPENDED_WARNING)
          .doesNotContain("[qnwis-agent] WARN");
      assertThat(Files.readString(classLoads))
          .contains(ArchivedService.class.getName() + " source: shared objects file");
      Scrape scrape = jvm.scrape();
      assertThat(scrape.value("qnwis_executor_task_seconds_count", "executor", "exec-archived"))
          .isEqualTo(3);
      assertThat(scrape.sum("qnwis_agent_errors_total")).isZero();
      assertThat(jvm.finish(Duration.ofSeconds(10))).isZero();
    }
  }

  /** The fixture's classes in a jar: an archive holds classes from jars only, not directories. */
  private static Path serviceJar(Path dir) throws IOException, URISyntaxException {
    Path classes =
        Path.of(ArchivedService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path jar = dir.resolve("service.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (Class<?> type : List.of(ArchivedService.class, Fixtures.class)) {
        String packageDir = type.getPackageName().replace('.', '/');
        try (Stream<Path> files = Files.list(classes.resolve(packageDir))) {
          for (Path file : (Iterable<Path>) files::iterator) {
            String name = file.getFileName().toString();
            if (name.startsWith(type.getSimpleName() + ".")
                || name.startsWith(type.getSimpleName() + "$")) {
              out.putNextEntry(new JarEntry(packageDir + "/" + name));
              Files.copy(file, (OutputStream) out);
              out.closeEntry();
            }
          }
        }
      }
    }
    return jar;
  }
}
