package io.qnwis.bench.jmh;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.StatefulRedisConnectionImpl;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.ConnectionFacade;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.resource.ClientResources;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A Lettuce connection without a network: the whole client path (API, command builder, dispatch,
 * completion, reply decoding) runs, but its channel writer answers every command with the same
 * value itself, at once or, with auto-flush off, when the commands are flushed. What an agent adds
 * per command is then not hidden by a round trip's variation. For one thread at a time.
 */
final class InMemoryRedis {

  private static final byte[] VALUE = "value".getBytes(StandardCharsets.UTF_8);

  private InMemoryRedis() {}

  static StatefulRedisConnection<String, String> connect(ClientResources resources) {
    StatefulRedisConnectionImpl<String, String> connection =
        new StatefulRedisConnectionImpl<>(
            new AnsweringWriter(resources), null, StringCodec.UTF8, Duration.ofSeconds(5));
    connection.setOptions(ClientOptions.create());
    return connection;
  }

  private static final class AnsweringWriter implements RedisChannelWriter {
    private final ClientResources resources;
    private final List<RedisCommand<?, ?, ?>> unflushed = new ArrayList<>();
    private boolean autoFlush = true;

    AnsweringWriter(ClientResources resources) {
      this.resources = resources;
    }

    @Override
    public <K, V, T> RedisCommand<K, V, T> write(RedisCommand<K, V, T> command) {
      if (autoFlush) {
        answer(command);
      } else {
        unflushed.add(command);
      }
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

    private static void answer(RedisCommand<?, ?, ?> command) {
      command.getOutput().set(ByteBuffer.wrap(VALUE));
      command.complete();
    }

    @Override
    public void flushCommands() {
      for (int i = 0; i < unflushed.size(); i++) {
        answer(unflushed.get(i));
      }
      unflushed.clear();
    }

    @Override
    public void setAutoFlushCommands(boolean autoFlush) {
      this.autoFlush = autoFlush;
      if (autoFlush) {
        flushCommands();
      }
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
    public ClientResources getClientResources() {
      return resources;
    }
  }
}
