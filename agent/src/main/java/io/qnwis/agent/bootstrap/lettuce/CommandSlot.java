package io.qnwis.agent.bootstrap.lettuce;

/**
 * A {@code short} field the agent adds, with these accessors, to {@code
 * io.lettuce.core.protocol.Command} as it loads after the agent started: where the command sits in
 * the agent's table of commands in flight, so that its completion finds its entry with one field
 * read, and a command that is not (or no longer) tracked is told apart without a look-up. Commands
 * of a class loaded before the agent (run-time attach: a loaded class cannot gain fields) are found
 * by identity hash instead.
 *
 * <p>Here in the bootstrap bridge so that every Lettuce's class loader sees it. The name carries a
 * {@code $} so that it cannot clash with Lettuce's own methods.
 */
public interface CommandSlot {

  /**
   * The agent's mark: 0 while the command is not tracked. Stored as a {@code short}, so only values
   * from -32768 to 32767 keep their value.
   */
  int qnwis$slot();

  void qnwis$slot(int slot);
}
