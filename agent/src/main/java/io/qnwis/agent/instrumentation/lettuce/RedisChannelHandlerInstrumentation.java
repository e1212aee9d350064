package io.qnwis.agent.instrumentation.lettuce;

import static net.bytebuddy.matcher.ElementMatchers.isProtected;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandWrapper;
import io.lettuce.core.protocol.RedisCommand;
import io.qnwis.agent.bootstrap.lettuce.LettuceBridge;
import io.qnwis.agent.instrumentation.Advices;
import io.qnwis.agent.instrumentation.TypeInstrumentation;
import java.util.Collection;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Where every command of a standalone connection starts, whichever API built it (sync, async,
 * reactive, pipelined batches): {@code io.lettuce.core.RedisChannelHandler}'s own
 *
 * <ul>
 *   <li>{@code protected RedisCommand dispatch(RedisCommand)}
 *   <li>{@code protected Collection dispatch(Collection)}
 * </ul>
 *
 * Subclasses' public {@code dispatch} overrides (which add transaction and state handling) call
 * these once each, so each command is seen once; a command re-dispatched through another connection
 * (master/replica routing) keeps its first start.
 *
 * <p>The advice unwraps the usual shape (an {@code AsyncCommand} around a {@code Command}) by exact
 * class before {@code CommandWrapper.unwrap}, whose interface check on each level costs more.
 */
final class RedisChannelHandlerInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return LettuceMatchers.hasLettuce();
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(LettuceMatchers.CHANNEL_HANDLER);
  }

  @Override
  public Set<String> requiredTypeNames() {
    return Set.of(LettuceMatchers.CHANNEL_HANDLER);
  }

  @Override
  public AgentBuilder.Transformer transformer() {
    return Advices.transformer()
        .advice(
            named("dispatch")
                .and(isProtected())
                .and(takesArguments(1))
                .and(takesArgument(0, named(LettuceMatchers.REDIS_COMMAND))),
            DispatchAdvice.class.getName())
        .advice(
            named("dispatch")
                .and(isProtected())
                .and(takesArguments(1))
                .and(takesArgument(0, named("java.util.Collection"))),
            DispatchBatchAdvice.class.getName());
  }

  static final class DispatchAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static RedisCommand<?, ?, ?> enter(@Advice.Argument(0) RedisCommand<?, ?, ?> command) {
      RedisCommand<?, ?, ?> innermost = command;
      if (innermost.getClass() == AsyncCommand.class) {
        innermost = ((AsyncCommand<?, ?, ?>) innermost).getDelegate();
      }
      if (innermost.getClass() != Command.class) {
        innermost = CommandWrapper.unwrap(innermost);
      }
      LettuceBridge.dispatched(innermost, command, innermost.getType());
      return innermost;
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(
        @Advice.Enter RedisCommand<?, ?, ?> innermost, @Advice.Thrown Throwable thrown) {
      if (thrown != null) {
        LettuceBridge.completed(innermost, innermost.getType(), innermost.getOutput(), thrown);
      }
    }
  }

  static final class DispatchBatchAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Collection<? extends RedisCommand<?, ?, ?>> commands) {
      for (RedisCommand<?, ?, ?> command : commands) {
        RedisCommand<?, ?, ?> innermost = command;
        if (innermost.getClass() == AsyncCommand.class) {
          innermost = ((AsyncCommand<?, ?, ?>) innermost).getDelegate();
        }
        if (innermost.getClass() != Command.class) {
          innermost = CommandWrapper.unwrap(innermost);
        }
        LettuceBridge.dispatched(innermost, command, innermost.getType());
      }
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(
        @Advice.Argument(0) Collection<? extends RedisCommand<?, ?, ?>> commands,
        @Advice.Thrown Throwable thrown) {
      if (thrown != null) {
        for (RedisCommand<?, ?, ?> command : commands) {
          RedisCommand<?, ?, ?> innermost = CommandWrapper.unwrap(command);
          LettuceBridge.completed(innermost, innermost.getType(), innermost.getOutput(), thrown);
        }
      }
    }
  }
}
