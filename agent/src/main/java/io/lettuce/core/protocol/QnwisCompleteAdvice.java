package io.lettuce.core.protocol;

import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.output.ValueOutput;
import io.qnwis.agent.bootstrap.lettuce.CommandSlot;
import io.qnwis.agent.bootstrap.lettuce.LettuceBridge;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * The agent's advice on {@code complete()} of {@code Command} and {@code AsyncCommand} (see {@code
 * io.qnwis.agent.instrumentation.lettuce.CommandInstrumentation}). It is declared in Lettuce's
 * package so that it may read the first key of a GET, GETEX or HGET straight from {@code
 * CommandArgs}' package-private fields: Byte Buddy inlines it into those two classes, which are in
 * that package, so the reads are plain field reads there, where the agent's own code needs several
 * method-handle calls. This class is never loaded for its own sake: the agent reads its class file
 * (it is named by a string, not a class literal, so that the agent's loader, which cannot see
 * Lettuce, never links it).
 */
public final class QnwisCompleteAdvice {

  private QnwisCompleteAdvice() {}

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
    ProtocolKeyword type = innermost.getType();
    CommandOutput<?, ?, ?> output = innermost.getOutput();
    CommandArgs<?, ?> args = innermost.getArgs();
    if (output == null) {
      LettuceBridge.replied(
          innermost, type, null, args, LettuceBridge.UNREAD, LettuceBridge.UNREAD);
    } else if (output.hasError()) {
      LettuceBridge.completed(innermost, type, output, LettuceBridge.ERROR_REPLY);
    } else {
      Object key = LettuceBridge.UNREAD;
      if ((type == CommandType.GET || type == CommandType.HGET || type == CommandType.GETEX)
          && args != null) {
        key = null;
        List<CommandArgs.SingularArgument> arguments = args.singularArguments;
        for (int i = 0; i < arguments.size(); i++) {
          Object argument = arguments.get(i);
          if (argument instanceof CommandArgs.KeyArgument) {
            key = ((CommandArgs.KeyArgument<?, ?>) argument).key;
            break;
          }
        }
      }
      // Only a ValueOutput's get() is a plain read (others parse or build their result).
      Object reply = output instanceof ValueOutput ? output.get() : LettuceBridge.UNREAD;
      LettuceBridge.replied(innermost, type, output, args, key, reply);
    }
  }
}
