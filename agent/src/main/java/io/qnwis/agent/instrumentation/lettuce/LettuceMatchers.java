package io.qnwis.agent.instrumentation.lettuce;

import io.qnwis.agent.instrumentation.LibraryMatchers;
import java.util.Set;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Where Lettuce is (loaders that can see its connection base class, 6.x and 7.x alike) and which of
 * its classes are instrumented, each by exact name.
 */
public final class LettuceMatchers {

  static final String CHANNEL_HANDLER = "io.lettuce.core.RedisChannelHandler";
  static final String COMMAND = "io.lettuce.core.protocol.Command";
  static final String ASYNC_COMMAND = "io.lettuce.core.protocol.AsyncCommand";
  static final String REDIS_COMMAND = "io.lettuce.core.protocol.RedisCommand";
  static final String COMMAND_BUILDER = "io.lettuce.core.RedisCommandBuilder";
  static final String KEY_VALUE_LIST_OUTPUT = "io.lettuce.core.output.KeyValueListOutput";
  static final String VALUE_LIST_OUTPUT = "io.lettuce.core.output.ValueListOutput";
  static final String KEY_VALUE_STREAMING_OUTPUT = "io.lettuce.core.output.KeyValueStreamingOutput";
  static final String VALUE_STREAMING_OUTPUT = "io.lettuce.core.output.ValueStreamingOutput";
  static final String SET_ARGS = "io.lettuce.core.SetArgs";
  static final String EXPIRE_ARGS = "io.lettuce.core.ExpireArgs";

  /** Every class a Lettuce instrumentation matches; the installer skips the rest by name. */
  private static final Set<String> TARGETS =
      Set.of(
          CHANNEL_HANDLER,
          COMMAND,
          ASYNC_COMMAND,
          COMMAND_BUILDER,
          KEY_VALUE_LIST_OUTPUT,
          VALUE_LIST_OUTPUT,
          KEY_VALUE_STREAMING_OUTPUT,
          VALUE_STREAMING_OUTPUT);

  private static final ElementMatcher<ClassLoader> HAS_LETTUCE =
      LibraryMatchers.hasClass(CHANNEL_HANDLER);

  private LettuceMatchers() {}

  static ElementMatcher<ClassLoader> hasLettuce() {
    return HAS_LETTUCE;
  }

  /** Whether a Lettuce instrumentation can match the class of this name. */
  public static boolean isTarget(String className) {
    return TARGETS.contains(className);
  }
}
