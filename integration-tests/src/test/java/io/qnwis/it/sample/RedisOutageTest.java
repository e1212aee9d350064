package io.qnwis.it.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qnwis.it.support.AgentJvm;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Redis is an optimisation for the service, not a dependency: with its Redis down the service
 * answers uncached and says so once per outage, and caches again once Redis is back. Runs a private
 * redis-server on a free port so the outage can be staged without touching the shared one.
 */
class RedisOutageTest {

  private static final String PATH = "/api/query/simple?sector=ICT&year=2024";
  private static final String DOWN = "Redis unreachable at";
  private static final String BACK = "Redis reachable again at";

  private final int redisPort = AgentJvm.freePort();
  private Process redis;

  @AfterEach
  void stopRedis() throws InterruptedException {
    if (redis != null) {
      redis.destroy();
      redis.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void answersUncachedWhileRedisIsDownSaysSoOncePerOutageAndResumesCaching() throws Exception {
    Assumptions.assumeTrue(redisServer() != null, "redis-server is not installed");
    try (SampleService service =
        SampleService.start(false, Map.of("QNWIS_REDIS_URL", "redis://127.0.0.1:" + redisPort))) {
      // Down from the start: answered, uncached, reported once.
      for (int i = 0; i < 3; i++) {
        SampleService.Answer answer = service.get(PATH);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.cache()).isEqualTo("miss");
      }
      assertThat(count(service, DOWN)).as(service.jvm().output()).isEqualTo(1);
      String body = service.get(PATH).body();

      startRedis();
      awaitHit(service);
      assertThat(count(service, BACK)).isEqualTo(1);

      // An outage of a connection that was up.
      redis.destroy();
      redis.waitFor(10, TimeUnit.SECONDS);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                SampleService.Answer answer = service.get(PATH);
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.body()).isEqualTo(body);
                assertThat(count(service, DOWN)).isEqualTo(2);
              });
      for (int i = 0; i < 3; i++) {
        assertThat(service.get(PATH).cache()).isEqualTo("miss");
      }
      assertThat(count(service, DOWN)).as("one report per outage").isEqualTo(2);

      startRedis();
      awaitHit(service);
      assertThat(count(service, BACK)).isEqualTo(2);
      assertThat(service.get(PATH).body()).isEqualTo(body);
    }
  }

  private void awaitHit(SampleService service) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(() -> assertThat(service.get(PATH).cache()).isEqualTo("hit"));
  }

  private void startRedis() throws IOException {
    redis =
        new ProcessBuilder(
                redisServer(),
                "--port",
                String.valueOf(redisPort),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              try (java.net.Socket socket = new java.net.Socket("127.0.0.1", redisPort)) {
                return true;
              } catch (IOException e) {
                return false;
              }
            });
  }

  private static String redisServer() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "redis-server");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }

  private static int count(SampleService service, String text) {
    String output = service.jvm().output();
    int count = 0;
    for (int i = output.indexOf(text); i >= 0; i = output.indexOf(text, i + 1)) {
      count++;
    }
    return count;
  }
}
