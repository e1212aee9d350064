package io.qnwis.it.lettuce;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.it.foundation.AgentCommand;
import io.qnwis.it.support.AgentJvm;
import io.qnwis.it.support.Jdks;
import io.qnwis.it.support.Scrape;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Command timing, errors and cache hits and misses, observed with no config (the defaults). */
class LettuceCommandsTest {

  private static final String LATENCY_COUNT = "qnwis_redis_latency_seconds_count";

  static java.util.stream.Stream<String> versions() {
    return LettuceVersions.all();
  }

  private static RedisServiceDriver start(String lettuceMajor) {
    return new RedisServiceDriver(
        AgentJvm.builder(RedisService.class)
            .classPath(LettuceVersions.classPath(lettuceMajor))
            .start());
  }

  @ParameterizedTest(name = "Lettuce {0}.x")
  @MethodSource("versions")
  void timesEachCommandOnceInSyncAsyncPipelinedAndReactiveApis(String lettuceMajor) {
    try (RedisServiceDriver service = start(lettuceMajor)) {
      assertThat(service.run("shape")).as("Command gained the slot field").contains("SLOT true");
      service.run("apis");

      Scrape scrape = service.jvm().scrape();
      assertThat(scrape.value(LATENCY_COUNT, "command", "GET")).as("sync").isEqualTo(3);
      assertThat(scrape.value(LATENCY_COUNT, "command", "EXISTS")).as("async").isEqualTo(4);
      assertThat(scrape.value(LATENCY_COUNT, "command", "INCR")).as("pipelined").isEqualTo(10);
      assertThat(scrape.value(LATENCY_COUNT, "command", "STRLEN")).as("reactive").isEqualTo(5);
      assertThat(scrape.value(LATENCY_COUNT, "command", "DEL")).isEqualTo(1);
      assertThat(scrape.sum(LATENCY_COUNT)).as("nothing else, handshake included").isEqualTo(23);
      assertThat(scrape.sum("qnwis_redis_errors_total")).isZero();
      assertThat(scrape.sum("qnwis_agent_errors_total")).isZero();
    }
  }

  @ParameterizedTest(name = "Lettuce {0}.x")
  @MethodSource("versions")
  void countsHitsAndMissesPerKeyInTheRegionOfEachKey(String lettuceMajor) {
    try (RedisServiceDriver service = start(lettuceMajor)) {
      service.run("reads");

      Scrape scrape = service.jvm().scrape();
      String a = service.prefix() + "-a";
      String b = service.prefix() + "-b";
      // a: GET hit, MGET hit, HGET hit, HMGET hit (f1)
      assertThat(scrape.value("qnwis_cache_hits_total", "region", a)).isEqualTo(4);
      // a: GET miss, HGET miss, HMGET 2 misses
      assertThat(scrape.value("qnwis_cache_misses_total", "region", a)).isEqualTo(4);
      // b: MGET hit, async GET hit
      assertThat(scrape.value("qnwis_cache_hits_total", "region", b)).isEqualTo(2);
      // b: MGET miss, async GET miss
      assertThat(scrape.value("qnwis_cache_misses_total", "region", b)).isEqualTo(2);
      assertThat(scrape.sum("qnwis_agent_errors_total")).isZero();
    }
  }

  @ParameterizedTest(name = "Lettuce {0}.x")
  @MethodSource("versions")
  void countsHitsAndMissesOfReadsLettuceStreamsToReactiveSubscribersAndChannels(
      String lettuceMajor) {
    try (RedisServiceDriver service = start(lettuceMajor)) {
      List<String> printed = service.run("streamedreads");

      assertThat(printed).contains("reactive mget 3", "reactive hmget 3", "streamed 7");
      Scrape scrape = service.jvm().scrape();
      String prefix = service.prefix();
      assertCounts(scrape, prefix + "-rget", 1, 1);
      assertCounts(scrape, prefix + "-rmget", 1, 1);
      assertCounts(scrape, prefix + "-rmget2", 1, 0);
      assertCounts(scrape, prefix + "-rhmget", 1, 2);
      assertCounts(scrape, prefix + "-cmget", 2, 1);
      assertCounts(scrape, prefix + "-camget", 1, 1);
      assertCounts(scrape, prefix + "-chmget", 1, 1);
      assertThat(scrape.value(LATENCY_COUNT, "command", "MGET")).isEqualTo(3);
      assertThat(scrape.value(LATENCY_COUNT, "command", "HMGET")).isEqualTo(2);
      assertThat(scrape.sum("qnwis_redis_errors_total")).isZero();
      assertThat(scrape.sum("qnwis_agent_errors_total")).isZero();
    }
  }

  /**
   * Lettuce's {@code Command} loaded before a run-time attach keeps its shape (no slot field): its
   * commands are tracked by identity hash, each timed once, hits and misses counted.
   */
  @ParameterizedTest(name = "Lettuce {0}.x")
  @MethodSource("versions")
  void timesAndCountsCommandsOfALettuceLoadedBeforeAttach(String lettuceMajor) throws Exception {
    Path javaHome = Jdks.current();
    AgentJvm jvm =
        AgentJvm.builder(RedisService.class)
            .javaHome(javaHome)
            .withoutAgent()
            .classPath(LettuceVersions.classPath(lettuceMajor))
            .start();
    try {
      jvm.awaitReady(); // connected: Command has loaded
      AgentCommand.Result attach =
          AgentCommand.run(javaHome, "attach", String.valueOf(jvm.pid()), "port=" + jvm.port());
      assertThat(attach.status()).as(attach.output()).isZero();
    } catch (Throwable e) {
      jvm.close();
      throw e;
    }
    try (RedisServiceDriver service = new RedisServiceDriver(jvm)) {
      assertThat(service.run("shape")).contains("SLOT false");
      service.run("apis");
      service.run("reads");

      Scrape scrape = service.jvm().scrape();
      assertThat(scrape.value(LATENCY_COUNT, "command", "GET")).as("sync").isEqualTo(3 + 4);
      assertThat(scrape.value(LATENCY_COUNT, "command", "EXISTS")).as("async").isEqualTo(4);
      assertThat(scrape.value(LATENCY_COUNT, "command", "INCR")).as("pipelined").isEqualTo(10);
      assertThat(scrape.value(LATENCY_COUNT, "command", "STRLEN")).as("reactive").isEqualTo(5);
      String a = service.prefix() + "-a";
      String b = service.prefix() + "-b";
      assertCounts(scrape, a, 4, 4);
      assertCounts(scrape, b, 2, 2);
      assertThat(scrape.sum("qnwis_redis_errors_total")).isZero();
      assertThat(scrape.sum("qnwis_agent_errors_total")).isZero();
    }
  }

  private static void assertCounts(Scrape scrape, String region, int hits, int misses) {
    assertThat(scrape.value("qnwis_cache_hits_total", "region", region))
        .as("hits in " + region)
        .isEqualTo(hits);
    assertThat(scrape.value("qnwis_cache_misses_total", "region", region))
        .as("misses in " + region)
        .isEqualTo(misses);
  }

  @Test
  void countsAnErrorReplyAsAFailedCommandWithoutAHitOrMiss() {
    try (RedisServiceDriver service = start("6")) {
      List<String> printed = service.run("wrongtype");

      assertThat(printed).contains("error RedisCommandExecutionException");
      Scrape scrape = service.jvm().scrape();
      assertThat(scrape.value("qnwis_redis_errors_total", "command", "GET")).isEqualTo(1);
      assertThat(scrape.value(LATENCY_COUNT, "command", "GET")).isEqualTo(1);
      assertThat(scrape.value("qnwis_cache_misses_total", "region", service.prefix())).isZero();
      assertThat(scrape.value("qnwis_cache_hits_total", "region", service.prefix())).isZero();
    }
  }
}
