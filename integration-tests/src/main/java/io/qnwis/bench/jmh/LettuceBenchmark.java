package io.qnwis.bench.jmh;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.util.UUID;
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
 * A sync GET (a cache hit) and a sync SET EX, as a service's cache-aside read and write do them, on
 * the local Redis (127.0.0.1:6379, or {@code -Dqnwis.redis.url}). Run with {@code scripts/bench.sh
 * --quick LettuceBenchmark}: the difference with and without the agent is what the agent adds per
 * command (timing, the region lookup, the hit count; for the write, the adaptive TTL too).
 *
 * <p>On a shared machine a round trip (tens of µs) varies far more than the agent's cost, so the
 * {@code WithoutNetwork} methods run the same Lettuce code path (sync API, command builder,
 * dispatch, encoding, Lettuce's command handler and its tracing hook, reply decoding, completion)
 * over an in-memory channel that answers at once ({@link InMemoryRedis}), which leaves an agent's
 * share measurable.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LettuceBenchmark {

  private RedisClient client;
  private StatefulRedisConnection<String, String> connection;
  private RedisCommands<String, String> redis;
  private String hitKey;
  private String writeKey;

  @Setup(Level.Trial)
  public void connect() {
    client = RedisClient.create(System.getProperty("qnwis.redis.url", "redis://127.0.0.1:6379"));
    connection = client.connect();
    redis = connection.sync();
    // Keys in the sample config's regions, so this agent's mode runs its cache policies too:
    // hits counted in "dashboard", writes going through the adaptive TTL of "query".
    String id = "bench:" + UUID.randomUUID();
    hitKey = "qnwis:dash:" + id;
    writeKey = "qnwis:query:" + id;
    redis.set(hitKey, "value");
  }

  @TearDown(Level.Trial)
  public void disconnect() {
    redis.del(hitKey, writeKey);
    connection.close();
    client.shutdown();
  }

  @Benchmark
  public String syncGet() {
    return redis.get(hitKey);
  }

  @Benchmark
  public String syncSetEx() {
    return redis.setex(writeKey, 60, "value");
  }

  @Benchmark
  public String syncGetWithoutNetwork(InMemory memory) {
    return memory.redis.get(hitKey);
  }

  @Benchmark
  public String syncSetExWithoutNetwork(InMemory memory) {
    return memory.redis.setex(writeKey, 60, "value");
  }

  /** A connection over a channel that answers every command at once ({@link InMemoryRedis}). */
  @State(Scope.Thread)
  public static class InMemory {
    private ClientResources resources;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> redis;

    @Setup(Level.Trial)
    public void connect() {
      resources = DefaultClientResources.create();
      connection = InMemoryRedis.connect(resources);
      redis = connection.sync();
    }

    @TearDown(Level.Trial)
    public void shutdown() {
      connection.close();
      resources.shutdown();
    }
  }
}
