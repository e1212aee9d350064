package io.qnwis.bench.jmh;

import io.lettuce.core.RedisClient;
import java.util.UUID;

/** What the Redis benchmarks share: the server they use and the keys they read and write. */
final class BenchRedis {

  /** The local Redis, or {@code -Dqnwis.redis.url}. */
  static final String URL = System.getProperty("qnwis.redis.url", "redis://127.0.0.1:6379");

  private BenchRedis() {}

  static RedisClient client() {
    return RedisClient.create(URL);
  }

  /**
   * Keys of one run in the sample config's regions, so this agent's mode runs its cache policies
   * too: hits counted in "dashboard", writes going through the adaptive TTL of "query".
   */
  record Keys(String hit, String write) {
    static Keys unique() {
      String id = "bench:" + UUID.randomUUID();
      return new Keys("qnwis:dash:" + id, "qnwis:query:" + id);
    }
  }
}
