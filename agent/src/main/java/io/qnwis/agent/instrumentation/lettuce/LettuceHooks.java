package io.qnwis.agent.instrumentation.lettuce;

import io.qnwis.agent.bootstrap.lettuce.LettuceBridge;

/**
 * The agent side of {@link LettuceBridge}: commands to the scope (the first one starting the
 * agent's Redis thread), writes to the rewriter.
 */
final class LettuceHooks implements LettuceBridge.Hooks {

  private final LettuceCommandScope scope;
  private final RedisMaintenance maintenance;
  private final TtlRewriter rewriter;

  LettuceHooks(LettuceCommandScope scope, RedisMaintenance maintenance, TtlRewriter rewriter) {
    this.scope = scope;
    this.maintenance = maintenance;
    this.rewriter = rewriter;
  }

  @Override
  public void dispatched(Object command, Object dispatched, Object type) {
    maintenance.ensureStarted();
    scope.start(command, dispatched, type);
  }

  @Override
  public void replied(Object command, Object type, Object output, Object args, Object reply) {
    scope.replied(command, type, output, args, reply);
  }

  @Override
  public void completed(Object command, Object type, Object output, Throwable error) {
    scope.failed(command, type, output, error);
  }

  @Override
  public void element(Object output, boolean present) {
    scope.element(output, present);
  }

  @Override
  public long writeTtl(Object key, Object value, long serviceTtl, boolean millisUnit) {
    return rewriter.writeTtl(key, value, serviceTtl, millisUnit);
  }

  @Override
  public Object setArgs(Object key, Object value, Object setArgs) {
    return rewriter.setArgs(key, value, setArgs);
  }
}
