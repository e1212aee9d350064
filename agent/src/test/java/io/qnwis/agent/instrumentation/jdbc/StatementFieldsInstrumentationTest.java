package io.qnwis.agent.instrumentation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.agent.bootstrap.jdbc.StatementFields;
import io.qnwis.agent.instrumentation.WovenClasses;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.Arrays;
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
    return WovenClasses.classFile(FixtureStatement.class);
  }

  private static byte[] withFields(byte[] classFile) {
    return WovenClasses.withField(StatementFieldsInstrumentation.STATE, classFile);
  }

  private static Class<?> define(byte[] classFile) throws ClassNotFoundException {
    return WovenClasses.define(FixtureStatement.class, classFile);
  }
}
