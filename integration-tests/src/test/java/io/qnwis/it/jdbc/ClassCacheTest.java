package io.qnwis.it.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.it.support.AgentJvm;
import io.qnwis.it.support.Scrape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache of woven classes ({@code cache=DIR}, docs/operations.md) on a service using H2 through
 * HikariCP: the first run weaves and stores, the next takes every woven class from the cache and
 * observes the same statements, connections and pool tasks; an unsafe directory means no cache,
 * never a broken service.
 */
class ClassCacheTest {

  private static final List<String> WOVEN =
      List.of(
          "org.h2.jdbc.JdbcPreparedStatement",
          "com.zaxxer.hikari.pool.HikariProxyConnection",
          "com.zaxxer.hikari.HikariDataSource",
          "java.util.concurrent.ThreadPoolExecutor");

  @Test
  void aSecondRunTakesWovenClassesFromTheCacheAndObservesAlike(@TempDir Path dir) throws Exception {
    Path cache = dir.resolve("cache");

    String first = runObserved(cache);
    for (String type : WOVEN) {
      assertThat(first).contains("[qnwis-agent] instrumented " + type + "\n");
    }
    assertThat(first).doesNotContain("from the class cache");
    assertThat(entries(cache)).isGreaterThanOrEqualTo(WOVEN.size());

    String second = runObserved(cache);
    for (String type : WOVEN) {
      assertThat(second)
          .contains("[qnwis-agent] instrumented " + type + " (from the class cache)\n");
    }
    assertThat(second).doesNotContain("WARN");
  }

  @Test
  void aDirectoryOthersCanWriteIsNotUsedAndTheServiceIsObservedAnyway(@TempDir Path dir)
      throws Exception {
    Path shared = Files.createDirectory(dir.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

    String output = runObserved(shared);

    assertThat(output)
        .contains(
            "[qnwis-agent] WARN no class cache: " + shared + " is readable or writable by others");
    assertThat(output).doesNotContain("from the class cache");
    try (Stream<Path> files = Files.list(shared)) {
      assertThat(files).isEmpty();
    }
  }

  /** Runs the service with the cache in {@code cache}, checks what it observed; its output. */
  private static String runObserved(Path cache) throws Exception {
    try (AgentJvm jvm =
        AgentJvm.builder(HikariH2Service.class)
            .jvmArg("-Dqnwis.agent.debug=true")
            .agentOptions("cache=" + cache)
            .start()) {
      jvm.awaitReady().awaitEndpoint();
      Scrape scrape = jvm.scrape();

      JdbcForkedTest.assertWorkloadCounted(scrape);
      JdbcForkedTest.assertHikariPoolObserved(scrape);
      assertThat(jvm.finish(Duration.ofSeconds(10))).isZero();
      return jvm.output();
    }
  }

  private static long entries(Path cache) throws Exception {
    try (Stream<Path> files = Files.walk(cache)) {
      return files.filter(file -> file.toString().endsWith(".woven")).count();
    }
  }
}
