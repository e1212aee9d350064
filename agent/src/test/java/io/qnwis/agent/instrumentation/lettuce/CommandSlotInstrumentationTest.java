package io.qnwis.agent.instrumentation.lettuce;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.ValueOutput;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandType;
import io.qnwis.agent.bootstrap.lettuce.CommandSlot;
import io.qnwis.agent.instrumentation.WovenClasses;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The class-file rewrite that gives Lettuce's {@code Command} its {@link CommandSlot} field. */
class CommandSlotInstrumentationTest {

  @Test
  void addsTheInterfaceWithAWorkingShortFieldToLettucesCommand() throws Exception {
    Class<?> type = define(withSlot(classFile()));
    Object command =
        type.getConstructor(
                io.lettuce.core.protocol.ProtocolKeyword.class,
                io.lettuce.core.output.CommandOutput.class)
            .newInstance(CommandType.GET, new ValueOutput<>(StringCodec.UTF8));

    CommandSlot slot = (CommandSlot) command;
    assertThat(slot.qnwis$slot()).isZero();
    slot.qnwis$slot(17);

    assertThat(slot.qnwis$slot()).isEqualTo(17);
    slot.qnwis$slot(InFlightCommands.SLOTS);
    assertThat(slot.qnwis$slot()).isEqualTo(InFlightCommands.SLOTS);
    slot.qnwis$slot(InFlightCommands.OVERFLOWED);
    assertThat(slot.qnwis$slot()).isEqualTo(InFlightCommands.OVERFLOWED);
    assertThat(type.getGenericInterfaces()).contains(CommandSlot.class);
    Field field = type.getDeclaredField("qnwis$slot");
    assertThat(field.getType()).isEqualTo(short.class);
    assertThat(field.isSynthetic()).isTrue();
    assertThat(Modifier.isTransient(field.getModifiers())).isTrue();
  }

  /**
   * The field fits in the padding of {@code Command}'s instances (four references and a byte): a
   * command takes no more memory with the agent, so the agent adds no allocation per command.
   */
  @Test
  void leavesTheSizeOfACommandAsItWas() throws Exception {
    Class<?> woven = define(withSlot(classFile()));

    assertThat(instanceSize(woven)).isEqualTo(instanceSize(Command.class));
  }

  /** The end of the last instance field, rounded up to 8 bytes (the JVM's object alignment). */
  private static long instanceSize(Class<?> type) throws Exception {
    Field theUnsafe = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
    theUnsafe.setAccessible(true);
    sun.misc.Unsafe unsafe = (sun.misc.Unsafe) theUnsafe.get(null);
    long end = 12; // at least a (compressed) header
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (!Modifier.isStatic(field.getModifiers())) {
          long bytes =
              field.getType() == long.class || field.getType() == double.class
                  ? 8
                  : field.getType() == short.class || field.getType() == char.class
                      ? 2
                      : field.getType() == byte.class || field.getType() == boolean.class ? 1 : 4;
          @SuppressWarnings("deprecation")
          long offset = unsafe.objectFieldOffset(field);
          end = Math.max(end, offset + bytes);
        }
      }
    }
    return (end + 7) / 8 * 8;
  }

  /** A class file woven once is handed back on retransformation: it keeps one field. */
  @Test
  void addsNothingToAClassFileThatHasItAlready() throws Exception {
    byte[] once = withSlot(classFile());

    byte[] twice = withSlot(once);

    Class<?> type = define(twice);
    assertThat(type.getInterfaces()).containsOnlyOnce(CommandSlot.class);
    assertThat(Arrays.stream(type.getDeclaredFields()).map(Field::getName))
        .containsOnlyOnce("qnwis$slot");
    assertThat(twice).isEqualTo(once);
  }

  private static byte[] classFile() throws IOException {
    return WovenClasses.classFile(Command.class);
  }

  private static byte[] withSlot(byte[] classFile) {
    return WovenClasses.withField(CommandSlotInstrumentation.SLOT, classFile);
  }

  private static Class<?> define(byte[] classFile) throws ClassNotFoundException {
    return WovenClasses.define(Command.class, classFile);
  }
}
