package io.qnwis.it.lettuce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qnwis.it.support.AgentJvm;
import io.qnwis.it.support.Scrape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** TTL policies and the command timeout, configured by file as ops would. */
class LettucePoliciesTest {

  /** Writes the fixture makes (see RedisService#writes), one TTL-rewritten region. */
  private static final List<String> REWRITTEN_KEYS =
      List.of("set-ex", "set", "set-shared", "setex", "psetex", "expire");

  /** set-ex, set, set-shared, setex, psetex, set + expire of "expire", set of "keepttl". */
  private static final int REWRITES = 8;

  @TempDir Path dir;

  private final String prefix =
      "it" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  static java.util.stream.Stream<String> versions() {
    return LettuceVersions.all();
  }

  private Path config(String ttl) throws IOException {
    return write(
        dir.resolve("agent.yaml"),
        """
        redis:
          command_timeout: 200ms
          regions:
            - {name: cache, match: "PREFIX:*", ttl: TTL}
        reload_interval: 200ms
        """
            .replace("PREFIX", prefix)
            .replace("TTL", ttl));
  }

  /** Replaces the file in one step, as deployment tools do. */
  private static Path write(Path file, String yaml) throws IOException {
    Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "agent-", ".tmp");
    Files.writeString(temp, yaml, StandardCharsets.UTF_8);
    return Files.move(
        temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private RedisServiceDriver start(Path config, String lettuceMajor) {
    return new RedisServiceDriver(
        AgentJvm.builder(RedisService.class)
            .classPath(LettuceVersions.classPath(lettuceMajor))
            .config(config)
            .start(),
        prefix);
  }

  /** The TTL Redis reports for each key the writes scenario printed. */
  private static Map<String, Long> ttls(List<String> printed) {
    Map<String, Long> ttls = new HashMap<>();
    for (String line : printed) {
      String[] words = line.split(" ");
      if (words[0].equals("ttl")) {
        ttls.put(words[1], Long.parseLong(words[2]));
      }
    }
    return ttls;
  }

  @ParameterizedTest(name = "Lettuce {0}.x")
  @MethodSource("versions")
  void fixedTtlRewritesEveryWriteOfTheRegionButLeavesKeepTtlAndTheServicesSetArgsAlone(
      String lettuceMajor) throws IOException {
    try (RedisServiceDriver service = start(config("{mode: fixed, value: 60s}"), lettuceMajor)) {
      List<String> printed = service.run("writes");

      Map<String, Long> ttls = ttls(printed);
      for (String key : REWRITTEN_KEYS) {
        assertThat(ttls.get(key)).as(key).isBetween(55L, 60L);
      }
      assertThat(ttls.get("keepttl")).as("KEEPTTL keeps the service's expiry").isBetween(1L, 9L);
      assertThat(printed).contains("shared EX 7");
      Scrape scrape = service.jvm().scrape();
      assertThat(scrape.value("qnwis_cache_ttl_seconds", "region", "cache")).isEqualTo(60);
      assertThat(scrape.value("qnwis_cache_ttl_rewrites_total", "region", "cache"))
          .isEqualTo(REWRITES);
      assertThat(scrape.sum("qnwis_agent_errors_total")).isZero();
    }
  }

  @Test
  void adaptiveTtlGivesANewRegionItsMinimumAndShowsItInCache() throws IOException {
    try (RedisServiceDriver service =
        start(config("{mode: adaptive, min: 30s, max: 3600s, max_stale_ratio: 0.05}"), "6")) {
      List<String> printed = service.run("writes");

      Map<String, Long> ttls = ttls(printed);
      for (String key : REWRITTEN_KEYS) {
        assertThat(ttls.get(key)).as(key).isBetween(25L, 30L);
      }
      Scrape scrape = service.jvm().scrape();
      assertThat(scrape.value("qnwis_cache_ttl_seconds", "region", "cache")).isEqualTo(30);
      assertThat(scrape.value("qnwis_cache_ttl_rewrites_total", "region", "cache"))
          .isEqualTo(REWRITES);
      String cache = service.jvm().get("/cache").body();
      assertThat(cache)
          .contains("\"region\":\"cache\"")
          .contains("\"ttl_mode\":\"adaptive\"")
          .contains("\"ttl_seconds\":30.0");
    }
  }

  @Test
  void aChangedTtlInTheConfigFileAppliesToTheNextWritesWithoutRestart() throws IOException {
    Path file = config("{mode: fixed, value: 60s}");
    try (RedisServiceDriver service = start(file, "6")) {
      assertThat(ttls(service.run("writes")).get("set")).isBetween(55L, 60L);

      config("{mode: fixed, value: 120s}");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  service
                          .jvm()
                          .scrape()
                          .value("qnwis_agent_config_reloads_total", "result", "applied")
                      == 1);

      assertThat(ttls(service.run("writes")).get("set")).isBetween(115L, 120L);
      assertThat(service.jvm().scrape().value("qnwis_cache_ttl_seconds", "region", "cache"))
          .isEqualTo(120);
    }
  }

  @Test
  void aCommandSlowerThanTheTimeoutFailsWithLettucesTimeoutForSyncAndAsyncCallers()
      throws IOException {
    try (RedisServiceDriver service = start(config("{mode: passthrough}"), "6")) {
      List<String> printed = service.run("timeout");

      assertThat(printed)
          .contains(
              "sync io.lettuce.core.RedisCommandTimeoutException:"
                  + " BLPOP. Command timed out after 200 millisecond(s)",
              "async io.lettuce.core.RedisCommandTimeoutException");
      Scrape scrape = service.jvm().scrape();
      assertThat(scrape.value("qnwis_redis_errors_total", "command", "BLPOP")).isEqualTo(2);
      assertThat(scrape.value("qnwis_redis_latency_seconds_count", "command", "BLPOP"))
          .isEqualTo(2);
    }
  }
}
