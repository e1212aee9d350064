package io.qnwis.agent.instrumentation.lettuce;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.qnwis.agent.bootstrap.lettuce.LettuceBridge;
import io.qnwis.agent.instrumentation.Advices;
import io.qnwis.agent.instrumentation.TypeInstrumentation;
import java.nio.ByteBuffer;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Where the values of MGET and HMGET arrive, one element at a time, whichever API asked: the {@code
 * public void set(ByteBuffer)} of the outputs Lettuce builds them with (6.x and 7.x alike):
 *
 * <ul>
 *   <li>{@code io.lettuce.core.output.KeyValueListOutput} (sync and async {@code List<KeyValue>},
 *       reactive {@code Flux<KeyValue>})
 *   <li>{@code io.lettuce.core.output.ValueListOutput} ({@code List<V>} variants)
 *   <li>{@code io.lettuce.core.output.KeyValueStreamingOutput} and {@code ValueStreamingOutput}
 *       (the streaming-channel variants)
 * </ul>
 *
 * A nil reply element arrives as {@code set(null)} in RESP2 and RESP3. A reactive subscriber or a
 * channel takes each value as it is decoded, so the command's output never holds them as a list:
 * this is the one place every API's elements pass through.
 */
final class OutputInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return LettuceMatchers.hasLettuce();
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(LettuceMatchers.KEY_VALUE_LIST_OUTPUT)
        .or(named(LettuceMatchers.VALUE_LIST_OUTPUT))
        .or(named(LettuceMatchers.KEY_VALUE_STREAMING_OUTPUT))
        .or(named(LettuceMatchers.VALUE_STREAMING_OUTPUT));
  }

  @Override
  public Set<String> requiredTypeNames() {
    return Set.of(
        LettuceMatchers.KEY_VALUE_LIST_OUTPUT,
        LettuceMatchers.VALUE_LIST_OUTPUT,
        LettuceMatchers.KEY_VALUE_STREAMING_OUTPUT,
        LettuceMatchers.VALUE_STREAMING_OUTPUT);
  }

  @Override
  public AgentBuilder.Transformer transformer() {
    return Advices.transformer()
        .advice(
            named("set").and(takesArguments(1)).and(takesArgument(0, ByteBuffer.class)),
            SetAdvice.class.getName());
  }

  static final class SetAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object output, @Advice.Argument(0) ByteBuffer bytes) {
      LettuceBridge.element(output, bytes != null);
    }
  }
}
