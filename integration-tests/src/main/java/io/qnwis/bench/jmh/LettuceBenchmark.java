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
 * A sync GET (a cache hit) and a sync SET EX, as a service's cache-aside read and write do them, on
 * the local Redis ({@link BenchRedis}). Run with {@code scripts/bench.sh --quick LettuceBenchmark}:
 * the difference with and without the agent is what the agent adds per command (timing, the region
 * lookup, the hit count; for the write, the adaptive TTL too).
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
  private final BenchRedis.Keys keys = BenchRedis.Keys.unique();

  @Setup(Level.Trial)
  public void connect() {
    client = BenchRedis.client();
    connection = client.connect();
    redis = connection.sync();
    redis.set(keys.hit(), "value");
  }

  @TearDown(Level.Trial)
  public void disconnect() {
    redis.del(keys.hit(), keys.write());
    connection.close();
    client.shutdown();
  }

  @Benchmark
  public String syncGet() {
    return redis.get(keys.hit());
  }

  @Benchmark
  public String syncSetEx() {
    return redis.setex(keys.write(), 60, "value");
  }

  @Benchmark
  public String syncGetWithoutNetwork(InMemory memory) {
    return memory.redis.get(keys.hit());
  }

  @Benchmark
  public String syncSetExWithoutNetwork(InMemory memory) {
    return memory.redis.setex(keys.write(), 60, "value");
  }

  /** A connection over a channel that answers every command at once ({@link InMemoryRedis}). */
  @State(Scope.Thread)
  public static class InMemory {
    private InMemoryRedis memory;
    private RedisCommands<String, String> redis;

    @Setup(Level.Trial)
    public void connect() {
      memory = new InMemoryRedis();
      redis = memory.connection().sync();
    }

    @TearDown(Level.Trial)
    public void shutdown() {
      memory.close();
    }
  }
}
