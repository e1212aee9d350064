package io.qnwis.it.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.it.sample.SampleService.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sample service end to end, written once and run on each database by a thin subclass: it
 * answers the four scenarios, caches them in Redis, and answers exactly alike with and without the
 * agent (the agent changes nothing visible but time).
 */
abstract class SampleServiceTest {

  /** Every route, with cache misses and hits, edge years and rejected requests. */
  static final List<String> PATHS =
      List.of(
          "/api/sectors",
          "/api/query/simple?sector=ICT&year=2024",
          "/api/query/simple?sector=energy&year=2015",
          "/api/query/medium?sector=FINANCE&year=2020",
          "/api/query/medium?sector=ENERGY&year=2015",
          "/api/query/complex?sector=HEALTH&year=2023",
          "/api/query/complex?sector=DOMESTIC&year=2015",
          "/api/dashboard?year=2022",
          "/api/dashboard",
          "/api/query/simple",
          "/api/query/medium?sector=NOPE",
          "/api/query/complex?sector=ICT&year=1999");

  private final List<String> prefixes = new ArrayList<>();

  /** The service's database settings ({@code QNWIS_DB_*}). */
  abstract Map<String, String> database();

  SampleService start(boolean withAgent) {
    SampleService service =
        SampleService.start(withAgent, database(), SampleService.uniquePrefix(), withAgent);
    prefixes.add(service.cachePrefix());
    return service;
  }

  @AfterEach
  void removeCachedKeys() {
    for (String prefix : prefixes) {
      RedisKeys.delete(RedisKeys.URL, prefix);
    }
  }

  @Test
  void answersEveryRequestIdenticallyWithAndWithoutTheAgent() throws Exception {
    Map<String, Answer[]> without;
    String withoutLog;
    try (SampleService service = start(false)) {
      without = service.askTwice(PATHS);
      withoutLog = service.jvm().output();
    }
    Map<String, Answer[]> with;
    String withLog;
    try (SampleService service = start(true)) {
      with = service.askTwice(PATHS);
      // The agent runs with the sample config (its policies in force), and accepts it.
      assertThat(service.jvm().scrape().value("qnwis_agent_config_valid")).isEqualTo(1);
      withLog = service.jvm().output();
    }

    // Status and body only: X-Cache tells whether Redis answered in time, which is not part of
    // the answer (a loaded machine may miss where an idle one hits).
    for (String path : PATHS) {
      for (int i = 0; i < 2; i++) {
        String what =
            path
                + ", answer "
                + (i + 1)
                + "\nwithout agent:\n"
                + withoutLog
                + "\nwith:\n"
                + withLog;
        assertThat(with.get(path)[i].status()).as(what).isEqualTo(without.get(path)[i].status());
        assertThat(with.get(path)[i].body()).as(what).isEqualTo(without.get(path)[i].body());
      }
    }
  }

  @Test
  void servesTheSameBodyFromTheCacheAsComputed() throws Exception {
    try (SampleService service = start(false)) {
      Map<String, Answer[]> answers = service.askTwice(PATHS);

      for (String path : PATHS) {
        Answer first = answers.get(path)[0];
        Answer second = answers.get(path)[1];
        assertThat(second.body()).as(path).isEqualTo(first.body());
        if (path.startsWith("/api/query/simple?sector=ICT") || path.startsWith("/api/dashboard")) {
          assertThat(first.cache()).as(path + "\n" + service.jvm().output()).isEqualTo("miss");
          assertThat(second.cache()).as(path + "\n" + service.jvm().output()).isEqualTo("hit");
        }
      }
      assertThat(answers.get("/api/query/simple")[0].status()).isEqualTo(400);
      assertThat(answers.get("/api/query/medium?sector=NOPE")[0].body())
          .contains("unknown sector 'NOPE'");
      assertThat(answers.get("/api/query/complex?sector=ICT&year=1999")[0].body())
          .contains("'year' must be a year from 2015 to 2024");
    }
  }

  @Test
  void answersEachScenarioWithItsFindings() throws Exception {
    try (SampleService service = start(false)) {
      assertThat(service.get("/api/query/simple?sector=ICT&year=2024").body())
          .startsWith("{\"scenario\":\"simple\",\"sector\":\"ICT\"")
          .contains("\"total_employed\":", "\"qatari_share_pct\":");
      assertThat(service.get("/api/query/medium?sector=ICT").body())
          .contains("\"year\":2024", "\"top_occupations\":[", "\"outlook\":");
      assertThat(service.get("/api/query/complex?sector=ICT").body())
          .contains(
              "\"labour_supply\":",
              "\"nationalization\":",
              "\"skills_gap\":",
              "\"wage_trend\":",
              "\"demand_forecast\":",
              "\"sector_benchmark\":",
              "\"summary\":{\"score\":");
      assertThat(service.get("/api/dashboard?year=2020").body())
          .contains("\"workforce\":", "\"sectors\":[", "\"postings\":", "\"wages\":[");
      assertThat(service.get("/healthz").body()).isEqualTo("{\"status\":\"ok\",\"redis\":\"up\"}");
    }
  }

  @Test
  void cachesUnderItsPrefixWithTheFixedTtlAndOneKeyPerAnalysisAndTile() throws Exception {
    try (SampleService service = start(false)) {
      service.get("/api/query/simple?sector=ICT&year=2024");
      service.get("/api/query/medium?sector=ICT&year=2024");
      service.get("/api/query/complex?sector=ICT&year=2024");
      service.get("/api/dashboard?year=2024");

      String p = service.cachePrefix();
      assertThat(RedisKeys.keys(RedisKeys.URL, p))
          .containsExactlyInAnyOrder(
              p + "query:simple:ICT:2024",
              p + "query:medium:ICT:2024",
              p + "query:complex:labour_supply:ICT:2024",
              p + "query:complex:nationalization:ICT:2024",
              p + "query:complex:skills_gap:ICT:2024",
              p + "query:complex:wage_trend:ICT:2024",
              p + "query:complex:demand_forecast:ICT:2024",
              p + "query:complex:sector_benchmark:ICT:2024",
              p + "dash:workforce:2024",
              p + "dash:sectors:2024",
              p + "dash:postings:2024",
              p + "dash:wages:2024");
      long ttl = RedisKeys.with(RedisKeys.URL, redis -> redis.ttl(p + "query:simple:ICT:2024"));
      assertThat(ttl).isBetween(1L, 300L);
    }
  }
}
