package io.qnwis.agent.instrumentation.lettuce;

import static net.bytebuddy.matcher.ElementMatchers.named;

import io.qnwis.agent.bootstrap.lettuce.CommandSlot;
import io.qnwis.agent.instrumentation.AddedField;
import io.qnwis.agent.instrumentation.TypeInstrumentation;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Adds {@link CommandSlot} (a {@code short} field and its accessors) to {@code
 * io.lettuce.core.protocol.Command}, the innermost object of every command, so that {@link
 * InFlightCommands} finds a command's entry by the field rather than by its identity hash (the
 * first identity hash of an object takes the VM's slow path). Only as the class loads (see {@link
 * TypeInstrumentation#addedInterface()}), and only on a class path (in an unnamed module): other
 * commands use the identity hash.
 *
 * <p>A {@code short}, not an {@code int}: it fits in the padding after {@code Command}'s own fields
 * (a byte after four references, with compressed references), so a command takes no more memory
 * than without the agent; an {@code int} would make it 8 bytes larger.
 */
final class CommandSlotInstrumentation implements TypeInstrumentation {

  static final AddedField SLOT =
      new AddedField(CommandSlot.class, "qnwis$slot", AddedField.Type.SHORT);

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return LettuceMatchers.hasLettuce();
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(LettuceMatchers.COMMAND);
  }

  @Override
  public Set<String> requiredTypeNames() {
    return Set.of(LettuceMatchers.COMMAND);
  }

  @Override
  public Class<?> addedInterface() {
    return CommandSlot.class;
  }

  @Override
  public AgentBuilder.Transformer transformer() {
    return SLOT.transformer();
  }
}
