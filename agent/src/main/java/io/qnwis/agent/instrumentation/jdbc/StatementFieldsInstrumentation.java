package io.qnwis.agent.instrumentation.jdbc;

import io.qnwis.agent.bootstrap.jdbc.StatementFields;
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
 * Adds {@link StatementFields} (one field and its accessors) to the topmost class of each hierarchy
 * implementing {@code java.sql.Statement} (a driver's statement, HikariCP's {@code
 * ProxyStatement}), so that every statement of it and its subclasses carries its SQL and timeout
 * state. Only as a class loads (see {@link TypeInstrumentation#addedInterface()}), and only to
 * classes on a class path (in an unnamed module).
 */
public final class StatementFieldsInstrumentation implements TypeInstrumentation {

  private static final String INTERFACE = StatementFields.class.getName().replace('.', '/');
  private static final String STATE = "qnwis$state";

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return JdbcMatchers.jdbcVisible();
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return JdbcMatchers.topmostImplementing("java.sql.Statement");
  }

  @Override
  public Class<?> addedInterface() {
    return StatementFields.class;
  }

  @Override
  public AgentBuilder.Transformer transformer() {
    // A class in a named module could not load with an interface of the bootstrap loader's
    // unnamed module, which that module does not read: its statements use the table.
    return (builder, type, loader, module, domain) ->
        module != null && module.isNamed() ? builder : builder.visit(FieldsWriter.WRAPPER);
  }

  /** Adds the interface, the field and its accessors, unless the class file has them. */
  static final class FieldsWriter extends ClassVisitor {

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
            return new FieldsWriter(classVisitor);
          }
        };

    private String owner;

    /**
     * The class file declares them already. A retransformation starts from the class as it was
     * before the agent (its transformers are retransformation-capable), so this is only a guard:
     * handed a class file it rewrote before, the writer must not declare the field twice, or the
     * class would fail to load.
     */
    private boolean present;

    FieldsWriter(ClassVisitor next) {
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
          // A generic class's signature lists its interfaces too; reflection reads them there.
          signature = signature + "L" + INTERFACE + ";";
        }
      }
      super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public void visitEnd() {
      if (!present) {
        addField(STATE);
      }
      super.visitEnd();
    }

    private void addField(String field) {
      // Transient: never part of a statement's serialized form; synthetic: not the driver's own.
      FieldVisitor declaration =
          super.visitField(
              Opcodes.ACC_PRIVATE | Opcodes.ACC_TRANSIENT | Opcodes.ACC_SYNTHETIC,
              field,
              "Ljava/lang/Object;",
              null,
              null);
      if (declaration != null) {
        declaration.visitEnd();
      }
      MethodVisitor getter =
          super.visitMethod(Opcodes.ACC_PUBLIC, field, "()Ljava/lang/Object;", null, null);
      if (getter != null) {
        getter.visitCode();
        getter.visitVarInsn(Opcodes.ALOAD, 0);
        getter.visitFieldInsn(Opcodes.GETFIELD, owner, field, "Ljava/lang/Object;");
        getter.visitInsn(Opcodes.ARETURN);
        getter.visitMaxs(1, 1);
        getter.visitEnd();
      }
      MethodVisitor setter =
          super.visitMethod(Opcodes.ACC_PUBLIC, field, "(Ljava/lang/Object;)V", null, null);
      if (setter != null) {
        setter.visitCode();
        setter.visitVarInsn(Opcodes.ALOAD, 0);
        setter.visitVarInsn(Opcodes.ALOAD, 1);
        setter.visitFieldInsn(Opcodes.PUTFIELD, owner, field, "Ljava/lang/Object;");
        setter.visitInsn(Opcodes.RETURN);
        setter.visitMaxs(2, 2);
        setter.visitEnd();
      }
    }
  }
}
