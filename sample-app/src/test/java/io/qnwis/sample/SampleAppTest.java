package io.qnwis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SampleAppTest {

  private final String before = System.getProperty(SampleApp.NO_DELAY);

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty(SampleApp.NO_DELAY);
    } else {
      System.setProperty(SampleApp.NO_DELAY, before);
    }
  }

  @Test
  void turnsNaglesAlgorithmOffOnTheHttpServer() {
    System.clearProperty(SampleApp.NO_DELAY);

    SampleApp.noDelayUnlessSet();

    assertThat(System.getProperty(SampleApp.NO_DELAY)).isEqualTo("true");
  }

  @Test
  void startingTheServiceTurnsItOff() throws Exception {
    System.clearProperty(SampleApp.NO_DELAY);
    SampleConfig config =
        SampleConfig.from(
            Map.of(
                "QNWIS_DB_URL", "jdbc:h2:mem:sample-app-test;DB_CLOSE_DELAY=-1",
                "QNWIS_DATA_POSTINGS", "100",
                "QNWIS_CACHE_PREFIX", "qnwis:sample-app-test:"),
            new String[] {"0"});

    try (SampleApp app = SampleApp.start(config)) {
      assertThat(System.getProperty(SampleApp.NO_DELAY)).isEqualTo("true");
    }
  }

  @Test
  void leavesAChoiceMadeOnTheCommandLine() {
    System.setProperty(SampleApp.NO_DELAY, "false");

    SampleApp.noDelayUnlessSet();

    assertThat(System.getProperty(SampleApp.NO_DELAY)).isEqualTo("false");
  }
}
