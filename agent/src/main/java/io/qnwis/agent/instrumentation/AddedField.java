package io.qnwis.agent.instrumentation;

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
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Gives a class an interface of the bootstrap bridge, one field and the field's getter and setter,
 * both named after the field as the interface declares them (OpenTelemetry's "virtual field"
 * technique, done with an ASM class visitor): state the agent keeps per object of a library class
 * without a look-up table. The field is private, transient (never part of a serialized form) and
 * synthetic (not the library's own). A {@link TypeInstrumentation} that uses it names the interface
 * in {@link TypeInstrumentation#addedInterface()}, so that only a loading class, or a loaded one
 * that declares the interface already, is given it.
 */
public final class AddedField {

  /** How the field is stored, and what its accessors take and return. */
  public enum Type {
    /** An {@code Object} field with {@code Object} accessors. */
    OBJECT("Ljava/lang/Object;", "Ljava/lang/Object;", Opcodes.ALOAD, Opcodes.ARETURN, Opcodes.NOP),
    /**
     * A {@code short} field (it often fits the padding at an object's end) with {@code int}
     * accessors; the setter keeps only the low 16 bits.
     */
    SHORT("S", "I", Opcodes.ILOAD, Opcodes.IRETURN, Opcodes.I2S);

    private final String stored;
    private final String accessed;
    private final int load;
    private final int ret;
    private final int narrow;

    Type(String stored, String accessed, int load, int ret, int narrow) {
      this.stored = stored;
      this.accessed = accessed;
      this.load = load;
      this.ret = ret;
      this.narrow = narrow;
    }
  }

  private final String bridgeInterface;
  private final String field;
  private final Type type;
  private final AsmVisitorWrapper wrapper;

  public AddedField(Class<?> bridgeInterface, String field, Type type) {
    this.bridgeInterface = bridgeInterface.getName().replace('.', '/');
    this.field = field;
    this.type = type;
    this.wrapper =
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
            return writer(classVisitor);
          }
        };
  }

  /**
   * Adds the field to classes on a class path. A class in a named module keeps its shape: it could
   * not load with an interface of the bootstrap loader's unnamed module, which its module does not
   * read.
   */
  public AgentBuilder.Transformer transformer() {
    return (builder, type, loader, module, domain) ->
        module != null && module.isNamed() ? builder : builder.visit(wrapper);
  }

  /**
   * The class visitor that adds the interface, the field and its accessors in front of {@code
   * next}.
   */
  public ClassVisitor writer(ClassVisitor next) {
    return new Writer(next);
  }

  private final class Writer extends ClassVisitor {

    private String owner;

    /**
     * The class file declares them already. A retransformation starts from the class as it was
     * before the agent (its transformers are retransformation-capable), so this is only a guard:
     * handed a class file it rewrote before, the writer must not declare the field twice, or the
     * class would fail to load.
     */
    private boolean present;

    Writer(ClassVisitor next) {
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
      String[] declared = interfaces == null ? new String[0] : interfaces;
      for (String each : declared) {
        present |= each.equals(bridgeInterface);
      }
      if (!present) {
        String[] extended = new String[declared.length + 1];
        System.arraycopy(declared, 0, extended, 0, declared.length);
        extended[declared.length] = bridgeInterface;
        interfaces = extended;
        if (signature != null) {
          // A generic class's signature lists its interfaces too; reflection reads them there.
          signature = signature + "L" + bridgeInterface + ";";
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

    private void addField() {
      FieldVisitor declaration =
          super.visitField(
              Opcodes.ACC_PRIVATE | Opcodes.ACC_TRANSIENT | Opcodes.ACC_SYNTHETIC,
              field,
              type.stored,
              null,
              null);
      if (declaration != null) {
        declaration.visitEnd();
      }
      MethodVisitor getter =
          super.visitMethod(Opcodes.ACC_PUBLIC, field, "()" + type.accessed, null, null);
      if (getter != null) {
        getter.visitCode();
        getter.visitVarInsn(Opcodes.ALOAD, 0);
        getter.visitFieldInsn(Opcodes.GETFIELD, owner, field, type.stored);
        getter.visitInsn(type.ret);
        getter.visitMaxs(1, 1);
        getter.visitEnd();
      }
      MethodVisitor setter =
          super.visitMethod(Opcodes.ACC_PUBLIC, field, "(" + type.accessed + ")V", null, null);
      if (setter != null) {
        setter.visitCode();
        setter.visitVarInsn(Opcodes.ALOAD, 0);
        setter.visitVarInsn(type.load, 1);
        if (type.narrow != Opcodes.NOP) {
          setter.visitInsn(type.narrow);
        }
        setter.visitFieldInsn(Opcodes.PUTFIELD, owner, field, type.stored);
        setter.visitInsn(Opcodes.RETURN);
        setter.visitMaxs(2, 2);
        setter.visitEnd();
      }
    }
  }
}
