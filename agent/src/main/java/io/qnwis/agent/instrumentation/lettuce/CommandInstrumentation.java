package io.qnwis.agent.instrumentation.lettuce;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.output.ValueOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandWrapper;
import io.lettuce.core.protocol.RedisCommand;
import io.qnwis.agent.bootstrap.lettuce.CommandSlot;
import io.qnwis.agent.bootstrap.lettuce.LettuceBridge;
import io.qnwis.agent.instrumentation.Advices;
import io.qnwis.agent.instrumentation.TypeInstrumentation;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Where commands complete. Every wrapper (AsyncCommand, the reactive SubscriptionCommand, traced
 * and transactional commands) delegates completion to the innermost {@code
 * io.lettuce.core.protocol.Command}, whose
 *
 * <ul>
 *   <li>{@code public void complete()}
 *   <li>{@code public boolean completeExceptionally(Throwable)}
 *   <li>{@code public void cancel()}
 * </ul>
 *
 * are intercepted on entry; and {@code io.lettuce.core.protocol.AsyncCommand}'s {@code public void
 * complete()} on entry too, because it completes its future (waking a sync caller) before it
 * delegates. Whichever runs first ends the measurement; the rest find nothing to do: a command with
 * the agent's {@link CommandSlot} field marked 0 (not tracked, or ended) stops the advice there.
 *
 * <p>The advice unwraps the usual shapes (a {@code Command}, an {@code AsyncCommand} around one) by
 * exact class before {@code CommandWrapper.unwrap}, whose interface check on each level costs more.
 * The three advices repeat that prelude: advice is inlined into Lettuce's classes, and a shared
 * method would have to live where Lettuce's loader sees it and name Lettuce's types, which no class
 * of the agent's bootstrap bridge can.
 */
final class CommandInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return LettuceMatchers.hasLettuce();
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(LettuceMatchers.COMMAND).or(named(LettuceMatchers.ASYNC_COMMAND));
  }

  @Override
  public Set<String> requiredTypeNames() {
    return Set.of(LettuceMatchers.COMMAND, LettuceMatchers.ASYNC_COMMAND);
  }

  @Override
  public AgentBuilder.Transformer transformer() {
    return Advices.transformer()
        .advice(
            named("complete").and(isPublic()).and(takesArguments(0)),
            CompleteAdvice.class.getName())
        .advice(
            named("completeExceptionally")
                .and(isPublic())
                .and(takesArguments(1))
                .and(takesArgument(0, Throwable.class)),
            CompleteExceptionallyAdvice.class.getName())
        .advice(
            named("cancel").and(isPublic()).and(takesArguments(0)), CancelAdvice.class.getName());
  }

  static final class CompleteAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This RedisCommand<?, ?, ?> command) {
      RedisCommand<?, ?, ?> innermost = command;
      if (innermost.getClass() == AsyncCommand.class) {
        innermost = ((AsyncCommand<?, ?, ?>) innermost).getDelegate();
      }
      if (innermost.getClass() != Command.class) {
        innermost = CommandWrapper.unwrap(innermost);
      }
      if (innermost instanceof CommandSlot slotted && slotted.qnwis$slot() == 0) {
        return; // not tracked, or ended by an earlier hook
      }
      CommandOutput<?, ?, ?> output = innermost.getOutput();
      if (output == null) {
        LettuceBridge.replied(
            innermost, innermost.getType(), null, innermost.getArgs(), LettuceBridge.UNREAD);
      } else if (output.hasError()) {
        LettuceBridge.completed(innermost, innermost.getType(), output, LettuceBridge.ERROR_REPLY);
      } else {
        // Only a ValueOutput's get() is a plain read (others parse or build their result).
        Object reply = output instanceof ValueOutput ? output.get() : LettuceBridge.UNREAD;
        LettuceBridge.replied(innermost, innermost.getType(), output, innermost.getArgs(), reply);
      }
    }
  }

  static final class CompleteExceptionallyAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(
        @Advice.This RedisCommand<?, ?, ?> command, @Advice.Argument(0) Throwable failure) {
      RedisCommand<?, ?, ?> innermost = command;
      if (innermost.getClass() == AsyncCommand.class) {
        innermost = ((AsyncCommand<?, ?, ?>) innermost).getDelegate();
      }
      if (innermost.getClass() != Command.class) {
        innermost = CommandWrapper.unwrap(innermost);
      }
      if (innermost instanceof CommandSlot slotted && slotted.qnwis$slot() == 0) {
        return; // not tracked, or ended by an earlier hook
      }
      LettuceBridge.completed(innermost, innermost.getType(), innermost.getOutput(), failure);
    }
  }

  static final class CancelAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This RedisCommand<?, ?, ?> command) {
      RedisCommand<?, ?, ?> innermost = command;
      if (innermost.getClass() == AsyncCommand.class) {
        innermost = ((AsyncCommand<?, ?, ?>) innermost).getDelegate();
      }
      if (innermost.getClass() != Command.class) {
        innermost = CommandWrapper.unwrap(innermost);
      }
      if (innermost instanceof CommandSlot slotted && slotted.qnwis$slot() == 0) {
        return; // not tracked, or ended by an earlier hook
      }
      LettuceBridge.completed(
          innermost, innermost.getType(), innermost.getOutput(), LettuceBridge.CANCELLED);
    }
  }
}
