package io.qnwis.it.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.it.support.AgentJvm;
import io.qnwis.it.support.Jdks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent on a runtime jlinked for a container with only the modules it needs itself: java.base,
 * java.instrument and java.sql (with what java.sql requires). No jdk.httpserver, jdk.unsupported or
 * java.management.
 */
class JlinkedRuntimeTest {

  static final String MODULES =
      "java.base,java.instrument,java.sql,java.management,jdk.unsupported";

  @Test
  void servesItsEndpointOnARuntimeWithoutTheJdkHttpServer(@TempDir Path dir) throws Exception {
    Path runtime = dir.resolve("runtime");
    Path jlink = Jdks.current().resolve("bin/jlink");
    Process build =
        new ProcessBuilder(
                jlink.toString(),
                "--add-modules",
                MODULES,
                "--no-header-files",
                "--no-man-pages",
                "--output",
                runtime.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(build.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(build.exitValue()).as(new String(build.getInputStream().readAllBytes())).isZero();
    assertThat(Files.readString(runtime.resolve("release")))
        .contains("java.instrument")
        .doesNotContain("jdk.httpserver");

    try (AgentJvm jvm = AgentJvm.builder(IdleService.class).javaHome(runtime).start()) {
      jvm.awaitReady().awaitEndpoint();

      assertThat(jvm.get("/metrics").statusCode()).isEqualTo(200);
      assertThat(jvm.scrape().value("qnwis_agent_config_valid")).isEqualTo(1);
      assertThat(jvm.scrape().sum("qnwis_agent_errors_total")).isZero();
      assertThat(jvm.output()).doesNotContain("Exception");
    }
  }
}
