package io.qnwis.it.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.it.support.AgentJvm;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PortInUseTest {

  @Test
  void serviceRunsAndTheAgentSaysThePortIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      int port = taken.getLocalPort();

      try (AgentJvm jvm = AgentJvm.builder(IdleService.class).port(port).start()) {
        // The endpoint starts on an agent thread while main() runs: wait for its verdict.
        jvm.awaitReady().awaitOutput("cannot serve metrics on", Duration.ofSeconds(30));

        assertThat(jvm.output())
            .contains("idle service main() ran")
            .contains("cannot serve metrics on 127.0.0.1:" + port)
            .contains("is the port in use?")
            .contains("set metrics.port or the port= option")
            .contains("[qnwis-agent] version 0.1.0-SNAPSHOT started");
        assertThat(jvm.finish(Duration.ofSeconds(10))).isZero();
      }
    }
  }
}
