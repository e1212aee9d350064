package io.qnwis.agent.instrumentation.lettuce;

import static net.bytebuddy.matcher.ElementMatchers.named;

import io.qnwis.agent.bootstrap.lettuce.CommandSlot;
import io.qnwis.agent.instrumentation.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Adds {@link CommandSlot} (a {@code short} field and its accessors) to {@code
 * io.lettuce.core.protocol.Command}, the innermost object of every command, so that {@link
 * InFlightCommands} finds a command's entry by the field rather than by its identity hash (the
 * first identity hash of an object takes the VM's slow path). Only as the class loads (see {@link
 * TypeInstrumentation#addedInterface()}), and only on a class path (in an unnamed module).
 */
final class CommandSlotInstrumentation implements TypeInstrumentation {

  private static final String INTERFACE = CommandSlot.class.getName().replace('.', '/');
  private static final String FIELD = "qnwis$slot";

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return LettuceMatchers.hasLettuce();
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(LettuceMatchers.COMMAND);
  }

  @Override
  public Class<?> addedInterface() {
    return CommandSlot.class;
  }

  @Override
  public AgentBuilder.Transformer transformer() {
    // A class in a named module could not load with an interface of the bootstrap loader's
    // unnamed module, which that module does not read: its commands use the identity hash.
    return (builder, type, loader, module, domain) ->
        module != null && module.isNamed() ? builder : builder.visit(SlotWriter.WRAPPER);
  }

  /** Adds the interface, the field and its accessors, unless the class file has them. */
  static final class SlotWriter extends ClassVisitor {

    static final AsmVisitorWrapper WRAPPER =
        new AsmVisitorWrapper.AbstractBase() {
          @Override
          public ClassVisitor wrap(
              TypeDescription instrumentedType,
              ClassVisitor classVisitor,
              Implementation.Context implementationContext,
              TypePool typePool,
              FieldList<FieldDescription.InDefinedShape> fields,
              MethodList<?> methods,
              int writerFlags,
              int readerFlags) {
            return new SlotWriter(classVisitor);
          }
        };

    private String owner;

    /**
     * The class file declares them already: a guard, as in the JDBC statement fields' writer (a
     * retransformation starts from the class file as it was before the agent).
     */
    private boolean present;

    SlotWriter(ClassVisitor next) {
      super(OpenedClassReader.ASM_API, next);
    }

    @Override
    public void visit(
        int version,
        int access,
        String name,
        String signature,
        String superName,
        String[] interfaces) {
      owner = name;
      for (String declared : interfaces == null ? new String[0] : interfaces) {
        present |= declared.equals(INTERFACE);
      }
      if (!present) {
        int count = interfaces == null ? 0 : interfaces.length;
        String[] extended = new String[count + 1];
        if (count > 0) {
          System.arraycopy(interfaces, 0, extended, 0, count);
        }
        extended[count] = INTERFACE;
        interfaces = extended;
        if (signature != null) {
          // Command is generic: its signature lists its interfaces too; reflection reads them
          // there.
          signature = signature + "L" + INTERFACE + ";";
        }
      }
      super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public void visitEnd() {
      if (!present) {
        addField();
      }
      super.visitEnd();
    }

    /**
     * A {@code short}, not an {@code int}: it fits in the padding after {@code Command}'s own
     * fields (a byte after four references, with compressed references), so a command takes no more
     * memory than without the agent; an {@code int} would make it 8 bytes larger.
     */
    private void addField() {
      // Transient: never part of a command's serialized form; synthetic: not Lettuce's own.
      FieldVisitor declaration =
          super.visitField(
              Opcodes.ACC_PRIVATE | Opcodes.ACC_TRANSIENT | Opcodes.ACC_SYNTHETIC,
              FIELD,
              "S",
              null,
              null);
      if (declaration != null) {
        declaration.visitEnd();
      }
      MethodVisitor getter = super.visitMethod(Opcodes.ACC_PUBLIC, FIELD, "()I", null, null);
      if (getter != null) {
        getter.visitCode();
        getter.visitVarInsn(Opcodes.ALOAD, 0);
        getter.visitFieldInsn(Opcodes.GETFIELD, owner, FIELD, "S");
        getter.visitInsn(Opcodes.IRETURN);
        getter.visitMaxs(1, 1);
        getter.visitEnd();
      }
      MethodVisitor setter = super.visitMethod(Opcodes.ACC_PUBLIC, FIELD, "(I)V", null, null);
      if (setter != null) {
        setter.visitCode();
        setter.visitVarInsn(Opcodes.ALOAD, 0);
        setter.visitVarInsn(Opcodes.ILOAD, 1);
        setter.visitInsn(Opcodes.I2S);
        setter.visitFieldInsn(Opcodes.PUTFIELD, owner, FIELD, "S");
        setter.visitInsn(Opcodes.RETURN);
        setter.visitMaxs(2, 2);
        setter.visitEnd();
      }
    }
  }
}
