package io.qnwis.bench.jmh;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.ConnectionBuilder;
import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.StatefulRedisConnectionImpl;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandEncoder;
import io.lettuce.core.protocol.CommandExpiryWriter;
import io.lettuce.core.protocol.CommandHandler;
import io.lettuce.core.protocol.DefaultEndpoint;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A Lettuce connection without a network: Lettuce's own endpoint and channel pipeline (the command
 * encoder and the {@code CommandHandler}, where Lettuce starts its tracing spans and decodes
 * replies) over Netty's in-memory {@link EmbeddedChannel} in place of a socket. Each flush is
 * answered at once: a GET with a 5-byte value, any other command with {@code +OK}. So the whole
 * client path of a command runs, for this agent and for a peer hooked anywhere in it, without a
 * round trip whose variation would hide what an agent adds. For one thread at a time: the channel
 * runs its pipeline on the calling thread.
 */
final class InMemoryRedis implements AutoCloseable {

  private static final byte[] GET_REPLY = "$5\r\nvalue\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] OK_REPLY = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);

  private final ClientResources resources = DefaultClientResources.create();
  private final StatefulRedisConnection<String, String> connection = connect(resources);

  /** A connection on client resources of its own, both closed by {@link #close}. */
  InMemoryRedis() {}

  StatefulRedisConnection<String, String> connection() {
    return connection;
  }

  @Override
  public void close() {
    connection.close();
    resources.shutdown();
  }

  /** Connects as {@code RedisClient} does, less the socket and the handshake; close it after. */
  static StatefulRedisConnection<String, String> connect(ClientResources resources) {
    ClientOptions options = ClientOptions.create();
    DefaultEndpoint endpoint = new DefaultEndpoint(options, resources);
    RedisChannelWriter writer =
        CommandExpiryWriter.isSupported(options)
            ? new CommandExpiryWriter(endpoint, options, resources)
            : endpoint;
    StatefulRedisConnectionImpl<String, String> connection =
        new StatefulRedisConnectionImpl<>(writer, null, StringCodec.UTF8, Duration.ofSeconds(5));
    connection.setOptions(options);
    // Registering the channel activates it: the command handler hands it to the endpoint.
    EmbeddedChannel channel =
        new EmbeddedChannel(
            new Answering(),
            new CommandEncoder(),
            new CommandHandler(options, resources, endpoint));
    // What RedisClient's channels carry: with tracing on, the handler tags each span with it.
    channel.attr(ConnectionBuilder.REDIS_URI).set(BenchRedis.URL);
    return connection;
  }

  /**
   * The transport end of the pipeline: takes the encoded commands instead of a socket, and on flush
   * passes their replies up the pipeline as if the server had sent them.
   */
  private static final class Answering extends ChannelOutboundHandlerAdapter {
    private final ByteBuf replies = Unpooled.buffer();

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
      ByteBuf encoded = (ByteBuf) message;
      try {
        while (encoded.isReadable()) {
          replies.writeBytes(isGet(encoded) ? GET_REPLY : OK_REPLY);
        }
      } finally {
        encoded.release();
      }
      promise.setSuccess();
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
      if (replies.isReadable()) {
        ByteBuf answer = ctx.alloc().buffer(replies.readableBytes()).writeBytes(replies);
        replies.clear();
        ctx.fireChannelRead(answer);
      }
    }

    /** Reads one RESP array of bulk strings (a command): whether its name is GET. */
    private static boolean isGet(ByteBuf in) {
      expect(in, '*');
      int elements = readLength(in);
      boolean get = false;
      for (int i = 0; i < elements; i++) {
        expect(in, '$');
        int length = readLength(in);
        if (i == 0) {
          int at = in.readerIndex();
          get =
              length == 3
                  && in.getByte(at) == 'G'
                  && in.getByte(at + 1) == 'E'
                  && in.getByte(at + 2) == 'T';
        }
        in.skipBytes(length + 2);
      }
      return get;
    }

    private static void expect(ByteBuf in, char marker) {
      byte read = in.readByte();
      if (read != marker) {
        throw new IllegalStateException("not a RESP command: '" + (char) read + "'");
      }
    }

    private static int readLength(ByteBuf in) {
      int length = 0;
      for (byte digit = in.readByte(); digit != '\r'; digit = in.readByte()) {
        length = length * 10 + (digit - '0');
      }
      in.skipBytes(1); // '\n'
      return length;
    }
  }
}
