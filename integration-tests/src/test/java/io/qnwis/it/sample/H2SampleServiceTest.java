package io.qnwis.it.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.it.support.Jdks;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The sample service on its embedded default: H2 in memory, a fresh data set per JVM. */
class H2SampleServiceTest extends SampleServiceTest {

  @Override
  Map<String, String> database() {
    return Map.of();
  }

  @Test
  void answersOnJdk25WithTheAgentAsOnJdk17WithoutIt() throws Exception {
    Path jdk25 = Jdks.jdk25();
    Assumptions.assumeTrue(jdk25 != null, "no JDK 25 on this machine");
    Map<String, SampleService.Answer[]> jdk17;
    try (SampleService service = start(false)) {
      jdk17 = service.askTwice(PATHS);
    }
    String prefix = SampleService.uniquePrefix();
    try (SampleService service = SampleService.start(true, database(), prefix, true, jdk25)) {
      Map<String, SampleService.Answer[]> withAgent = service.askTwice(PATHS);
      assertThat(service.jvm().scrape().value("qnwis_agent_config_valid")).isEqualTo(1);
      for (String path : PATHS) {
        for (int i = 0; i < 2; i++) {
          assertThat(withAgent.get(path)[i].body())
              .as(path + "\n" + service.jvm().output())
              .isEqualTo(jdk17.get(path)[i].body());
        }
      }
    } finally {
      RedisKeys.delete(RedisKeys.URL, prefix);
    }
  }

  @Test
  void clearsOnlyItsOwnKeysAtStartWhenAsked() throws Exception {
    String prefix = SampleService.uniquePrefix();
    String neighbour = SampleService.uniquePrefix() + "query:simple:ICT:2024";
    RedisKeys.with(
        RedisKeys.URL,
        redis -> {
          redis.set(prefix + "query:simple:ICT:2024", "stale");
          return redis.set(neighbour, "kept");
        });
    try (SampleService service =
        SampleService.start(false, Map.of("QNWIS_CACHE_CLEAR_ON_START", "true"), prefix)) {
      SampleService.Answer answer = service.get("/api/query/simple?sector=ICT&year=2024");

      assertThat(answer.cache()).isEqualTo("miss");
      assertThat(answer.body()).startsWith("{\"scenario\":\"simple\"");
      assertThat(service.jvm().output()).contains("cache cleared: 1 keys under " + prefix);
      String kept = RedisKeys.with(RedisKeys.URL, redis -> redis.get(neighbour));
      assertThat(kept).isEqualTo("kept");
    } finally {
      RedisKeys.delete(RedisKeys.URL, prefix);
      RedisKeys.with(RedisKeys.URL, redis -> redis.del(neighbour));
    }
  }
}
