package io.qnwis.bench.jmh;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
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
 * A sync GET (a cache hit), as a service's cache-aside read does it. Run with {@code
 * scripts/bench.sh --quick LettuceBenchmark}: the difference with and without the agent is what the
 * agent adds per command (timing, the hit count, the region lookup).
 *
 * <p>{@link #syncGet} goes to the local Redis; on a shared machine its round trip (tens of µs)
 * varies far more than the agent's cost, so {@link #syncGetWithoutNetwork} runs the same Lettuce
 * code path (sync API, command builder, dispatch, completion, reply decoding) against a channel
 * writer that answers at once, which leaves the agent's share measurable.
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

  @Benchmark
  public String syncGetWithoutNetwork(InMemory memory) {
    return memory.redis.get(KEY);
  }

  /** A connection whose writer answers every command at once ({@link InMemoryRedis}). */
  @State(Scope.Benchmark)
  public static class InMemory {
    private ClientResources resources;
    private RedisCommands<String, String> redis;

    @Setup(Level.Trial)
    public void connect() {
      resources = DefaultClientResources.create();
      redis = InMemoryRedis.connect(resources).sync();
    }

    @TearDown(Level.Trial)
    public void shutdown() {
      resources.shutdown();
    }
  }
}
