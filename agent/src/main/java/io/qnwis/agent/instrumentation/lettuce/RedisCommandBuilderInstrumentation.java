package io.qnwis.agent.instrumentation.lettuce;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.lettuce.core.protocol.RedisCommand;
import io.qnwis.agent.bootstrap.lettuce.LettuceBridge;
import io.qnwis.agent.instrumentation.Advices;
import io.qnwis.agent.instrumentation.TypeInstrumentation;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Where the TTL policies act: the writes {@code io.lettuce.core.RedisCommandBuilder} builds for
 * every API (sync, async, reactive), before anything is sent:
 *
 * <ul>
 *   <li>{@code set(Object key, Object value)}: on exit, {@code PX ttl} is appended to the args
 *   <li>{@code set(Object, Object, SetArgs)}, {@code setGet(Object, Object, SetArgs)}: on entry,
 *       the SetArgs is replaced by a rewritten copy (the service's object is never changed)
 *   <li>{@code setex(Object, long, Object)}, {@code expire(Object, long, ExpireArgs)}: on entry,
 *       the seconds argument
 *   <li>{@code psetex(Object, long, Object)}, {@code pexpire(Object, long, ExpireArgs)}: on entry,
 *       the milliseconds argument
 * </ul>
 *
 * A SET's EX, PX, EXAT or PXAT becomes {@code PX ttl}; KEEPTTL is left alone. Excluded:
 * EXPIREAT/PEXPIREAT (an absolute deadline is a business rule, not a cache TTL), GETEX and MSET.
 */
final class RedisCommandBuilderInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return LettuceMatchers.hasLettuce();
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(LettuceMatchers.COMMAND_BUILDER);
  }

  @Override
  public Set<String> requiredTypeNames() {
    return Set.of(LettuceMatchers.COMMAND_BUILDER);
  }

  @Override
  public AgentBuilder.Transformer transformer() {
    return Advices.transformer()
        .advice(
            named("set")
                .and(takesArguments(2))
                .and(takesArgument(0, Object.class))
                .and(takesArgument(1, Object.class)),
            SetAdvice.class.getName())
        .advice(
            named("set")
                .or(named("setGet"))
                .and(takesArguments(3))
                .and(takesArgument(2, named(LettuceMatchers.SET_ARGS))),
            SetWithArgsAdvice.class.getName())
        .advice(
            named("setex").and(takesArguments(3)).and(takesArgument(1, long.class)),
            SecondsAdvice.class.getName())
        .advice(
            named("expire")
                .and(takesArguments(3))
                .and(takesArgument(1, long.class))
                .and(takesArgument(2, named(LettuceMatchers.EXPIRE_ARGS))),
            ExpireSecondsAdvice.class.getName())
        .advice(
            named("psetex").and(takesArguments(3)).and(takesArgument(1, long.class)),
            MillisAdvice.class.getName())
        .advice(
            named("pexpire")
                .and(takesArguments(3))
                .and(takesArgument(1, long.class))
                .and(takesArgument(2, named(LettuceMatchers.EXPIRE_ARGS))),
            ExpireMillisAdvice.class.getName());
  }

  static final class SetAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(
        @Advice.Argument(0) Object key,
        @Advice.Argument(1) Object value,
        @Advice.Return RedisCommand<?, ?, ?> command) {
      long ttl = LettuceBridge.writeTtl(key, value, LettuceBridge.NO_TTL, true);
      if (ttl != LettuceBridge.NO_TTL) {
        command.getArgs().add("PX").add(ttl);
      }
    }
  }

  static final class SetWithArgsAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(
        @Advice.Argument(0) Object key,
        @Advice.Argument(1) Object value,
        @Advice.Argument(value = 2, readOnly = false, typing = Assigner.Typing.DYNAMIC)
            Object setArgs) {
      setArgs = LettuceBridge.setArgs(key, value, setArgs);
    }
  }

  static final class SecondsAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(
        @Advice.Argument(0) Object key,
        @Advice.Argument(value = 1, readOnly = false) long seconds,
        @Advice.Argument(2) Object value) {
      seconds = LettuceBridge.writeTtl(key, value, seconds, false);
    }
  }

  static final class MillisAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(
        @Advice.Argument(0) Object key,
        @Advice.Argument(value = 1, readOnly = false) long millis,
        @Advice.Argument(2) Object value) {
      millis = LettuceBridge.writeTtl(key, value, millis, true);
    }
  }

  static final class ExpireSecondsAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(
        @Advice.Argument(0) Object key,
        @Advice.Argument(value = 1, readOnly = false) long seconds) {
      seconds = LettuceBridge.writeTtl(key, null, seconds, false);
    }
  }

  static final class ExpireMillisAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(
        @Advice.Argument(0) Object key, @Advice.Argument(value = 1, readOnly = false) long millis) {
      millis = LettuceBridge.writeTtl(key, null, millis, true);
    }
  }
}
