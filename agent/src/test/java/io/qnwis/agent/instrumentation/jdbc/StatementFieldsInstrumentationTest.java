package io.qnwis.agent.instrumentation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.agent.bootstrap.jdbc.StatementFields;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.Arrays;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import org.junit.jupiter.api.Test;

/** The class-file rewrite that gives statement classes their {@link StatementFields}. */
class StatementFieldsInstrumentationTest {

  /** Stands for a driver's statement class; a generic one, so its signature lists interfaces. */
  public static class FixtureStatement<T> implements Comparable<T> {
    @Override
    public int compareTo(T other) {
      return 0;
    }
  }

  @Test
  void addsTheInterfaceWithWorkingAccessors() throws Exception {
    Object statement = define(withFields(classFile())).getConstructor().newInstance();

    StatementFields fields = (StatementFields) statement;
    fields.qnwis$state("state");

    assertThat(fields.qnwis$state()).isEqualTo("state");
    assertThat(statement.getClass().getGenericInterfaces()).contains(StatementFields.class);
  }

  /**
   * A class woven as it loaded, when retransformed, is offered its woven class file again (the
   * start gate's output): it keeps one set of fields, or the JVM would reject the new shape.
   */
  @Test
  void addsNothingToAClassFileThatHasThemAlready() throws Exception {
    byte[] once = withFields(classFile());

    byte[] twice = withFields(once);

    Class<?> type = define(twice);
    assertThat(type.getInterfaces()).containsOnlyOnce(StatementFields.class);
    assertThat(Arrays.stream(type.getDeclaredFields()).map(Field::getName))
        .containsExactly("qnwis$state");
    assertThat(twice).isEqualTo(once);
  }

  private static byte[] classFile() throws IOException {
    String resource = FixtureStatement.class.getName().replace('.', '/') + ".class";
    try (InputStream in = FixtureStatement.class.getClassLoader().getResourceAsStream(resource)) {
      return in.readAllBytes();
    }
  }

  private static byte[] withFields(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(reader, 0);
    reader.accept(StatementFieldsInstrumentation.STATE.writer(writer), 0);
    return writer.toByteArray();
  }

  private static Class<?> define(byte[] classFile) throws ClassNotFoundException {
    String name = FixtureStatement.class.getName();
    return new ClassLoader(StatementFieldsInstrumentationTest.class.getClassLoader()) {
      @Override
      protected Class<?> loadClass(String className, boolean resolve)
          throws ClassNotFoundException {
        if (className.equals(name)) {
          synchronized (getClassLoadingLock(className)) {
            Class<?> loaded = findLoadedClass(className);
            return loaded != null ? loaded : defineClass(className, classFile, 0, classFile.length);
          }
        }
        return super.loadClass(className, resolve);
      }
    }.loadClass(name);
  }
}
