package io.qnwis.it.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.it.support.AgentJvm;
import io.qnwis.it.support.Jdks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code java -jar qnwis-agent.jar attach PID port=N} on a service started without the agent. */
class AttachTest {

  static Stream<Path> jdks() {
    return Jdks.all();
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void attachesToARunningJvmWhichThenServesMetrics(Path javaHome) throws Exception {
    try (AgentJvm service =
        AgentJvm.builder(IdleService.class).javaHome(javaHome).withoutAgent().start()) {
      service.awaitReady();
      assertThat(service.output()).doesNotContain("[qnwis-agent]");

      AgentCommand.Result attach =
          AgentCommand.run(
              javaHome, "attach", String.valueOf(service.pid()), "port=" + service.port());

      assertThat(attach.status()).as(attach.output()).isZero();
      assertThat(attach.output()).contains("attached to JVM " + service.pid());
      service.awaitEndpoint();
      assertThat(service.scrape().value("qnwis_agent_info", "version", "0.1.0-SNAPSHOT"))
          .isEqualTo(1);
      assertThat(service.output()).contains("[qnwis-agent] version 0.1.0-SNAPSHOT started");
      if (javaHome.equals(Jdks.jdk25())) {
        // JEP 451: what the attach command tells ops to expect (and how to silence it).
        assertThat(service.output()).contains("A Java agent has been loaded dynamically");
      }
      assertThat(service.finish(Duration.ofSeconds(10))).isZero();
    }
  }

  /** One JDK suffices: the refusal comes from the target's flag, the message from the command. */
  @Test
  void explainsWhatTheTargetNeedsWhenItRefusesAttach() throws Exception {
    Path javaHome = Jdks.current();
    try (AgentJvm service =
        AgentJvm.builder(IdleService.class)
            .javaHome(javaHome)
            .withoutAgent()
            .jvmArg("-XX:+DisableAttachMechanism")
            .start()) {
      service.awaitReady();

      AgentCommand.Result attach =
          AgentCommand.run(javaHome, "attach", String.valueOf(service.pid()));

      assertThat(attach.status()).isEqualTo(1);
      assertThat(attach.output())
          .contains("cannot attach to JVM " + service.pid())
          .contains("AttachNotSupportedException")
          .contains("-XX:+DisableAttachMechanism")
          .contains("same user");
      assertThat(service.process().isAlive()).isTrue();
    }
  }
}
