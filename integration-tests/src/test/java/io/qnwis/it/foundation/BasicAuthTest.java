package io.qnwis.it.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.it.support.AgentJvm;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With metrics.basic_auth set, every path wants the configured user and password. */
class BasicAuthTest {

  static final String PASSWORD = "s3cret-scrape";

  @TempDir static Path dir;
  static AgentJvm jvm;
  static String hash;

  @BeforeAll
  static void startServiceWithBasicAuth() throws Exception {
    hash = ConfigFile.sha256Hex(PASSWORD);
    Path file =
        ConfigFile.write(
            dir.resolve("agent.yaml"),
            "metrics:\n  basic_auth: {username: ops, password_sha256: \"%s\"}\n".formatted(hash));
    jvm = AgentJvm.builder(IdleService.class).config(file).start();
    jvm.awaitReady().awaitOutput("[qnwis-agent] metrics on http://", Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    jvm.close();
  }

  @Test
  void refusesAScrapeWithoutCredentials() throws Exception {
    HttpResponse<String> response = jvm.get("/metrics");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
  }

  @Test
  void refusesAWrongPassword() throws Exception {
    assertThat(jvm.get("/metrics", auth("ops", "guess")).statusCode()).isEqualTo(401);
  }

  @Test
  void refusesAWrongUser() throws Exception {
    assertThat(jvm.get("/metrics", auth("admin", PASSWORD)).statusCode()).isEqualTo(401);
  }

  @Test
  void refusesEveryPathNotOnlyMetrics() throws Exception {
    assertThat(jvm.get("/health").statusCode()).isEqualTo(401);
    assertThat(jvm.get("/config").statusCode()).isEqualTo(401);
  }

  @Test
  void acceptsTheConfiguredCredentials() throws Exception {
    HttpResponse<String> response = jvm.get("/metrics", auth("ops", PASSWORD));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("qnwis_agent_info{version=\"0.1.0-SNAPSHOT\"} 1");
  }

  @Test
  void configShowsTheUserButRedactsThePasswordHash() throws Exception {
    HttpResponse<String> response = jvm.get("/config", auth("ops", PASSWORD));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"basic_auth\":{\"username\":\"ops\",\"password_sha256\":\"<redacted>\"}")
        .doesNotContain(hash)
        .doesNotContain(PASSWORD);
  }

  private static Map<String, String> auth(String user, String password) {
    String token =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return Map.of("Authorization", "Basic " + token);
  }
}
