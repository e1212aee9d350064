package io.qnwis.bench.jmh;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A sync GET (a cache hit) on the local Redis, as a service's cache-aside read does it. Run with
 * {@code scripts/bench.sh --quick LettuceBenchmark}: the difference with and without the agent is
 * what the agent adds per command (timing, the hit count, the region lookup).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LettuceBenchmark {

  private static final String KEY = "qnwis-bench:lettuce:get";

  private RedisClient client;
  private StatefulRedisConnection<String, String> connection;
  private RedisCommands<String, String> redis;

  @Setup(Level.Trial)
  public void connect() {
    client = RedisClient.create(System.getProperty("redis.url", "redis://127.0.0.1:6379"));
    connection = client.connect();
    redis = connection.sync();
    redis.set(KEY, "value");
  }

  @TearDown(Level.Trial)
  public void disconnect() {
    redis.del(KEY);
    connection.close();
    client.shutdown();
  }

  @Benchmark
  public String syncGet() {
    return redis.get(KEY);
  }
}
