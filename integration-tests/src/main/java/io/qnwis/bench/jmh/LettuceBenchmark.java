package io.qnwis.bench.jmh;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StatefulRedisConnectionImpl;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.ConnectionFacade;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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

  /** A Lettuce connection whose writer answers every command with the same value at once. */
  @State(Scope.Benchmark)
  public static class InMemory {
    private static final byte[] VALUE = "value".getBytes(StandardCharsets.UTF_8);

    private ClientResources resources;
    private RedisCommands<String, String> redis;

    @Setup(Level.Trial)
    public void connect() {
      resources = DefaultClientResources.create();
      StatefulRedisConnectionImpl<String, String> connection =
          new StatefulRedisConnectionImpl<>(
              new AnsweringWriter(resources), null, StringCodec.UTF8, Duration.ofSeconds(5));
      connection.setOptions(ClientOptions.create());
      redis = connection.sync();
    }

    @TearDown(Level.Trial)
    public void shutdown() {
      resources.shutdown();
    }

    private static final class AnsweringWriter implements RedisChannelWriter {
      private final ClientResources resources;

      AnsweringWriter(ClientResources resources) {
        this.resources = resources;
      }

      @Override
      public <K, V, T> RedisCommand<K, V, T> write(RedisCommand<K, V, T> command) {
        command.getOutput().set(ByteBuffer.wrap(VALUE));
        command.complete();
        return command;
      }

      @Override
      public <K, V> Collection<RedisCommand<K, V, ?>> write(
          Collection<? extends RedisCommand<K, V, ?>> commands) {
        List<RedisCommand<K, V, ?>> written = new ArrayList<>();
        for (RedisCommand<K, V, ?> command : commands) {
          written.add(write(command));
        }
        return written;
      }

      @Override
      public void close() {}

      @Override
      public CompletableFuture<Void> closeAsync() {
        return CompletableFuture.completedFuture(null);
      }

      @Override
      @SuppressWarnings("deprecation")
      public void reset() {}

      @Override
      public void setConnectionFacade(ConnectionFacade connection) {}

      @Override
      public void setAutoFlushCommands(boolean autoFlush) {}

      @Override
      public void flushCommands() {}

      @Override
      public ClientResources getClientResources() {
        return resources;
      }
    }
  }
}
