package io.qnwis.agent.instrumentation.jdbc;

import io.qnwis.agent.bootstrap.jdbc.StatementFields;
import io.qnwis.agent.instrumentation.AddedField;
import io.qnwis.agent.instrumentation.TypeInstrumentation;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Adds {@link StatementFields} (one field and its accessors) to the topmost class of each hierarchy
 * implementing {@code java.sql.Statement} (a driver's statement, HikariCP's {@code
 * ProxyStatement}), so that every statement of it and its subclasses carries its SQL and timeout
 * state. Only as a class loads (see {@link TypeInstrumentation#addedInterface()}), and only to
 * classes on a class path (in an unnamed module): other statements are kept in a weak table.
 */
public final class StatementFieldsInstrumentation implements TypeInstrumentation {

  private static final String STATEMENT = "java.sql.Statement";

  static final AddedField STATE =
      new AddedField(StatementFields.class, "qnwis$state", AddedField.Type.OBJECT);

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return JdbcMatchers.jdbcVisible();
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return JdbcMatchers.topmostImplementing(STATEMENT);
  }

  @Override
  public Set<String> requiredTypeNames() {
    return Set.of(STATEMENT);
  }

  @Override
  public Class<?> addedInterface() {
    return StatementFields.class;
  }

  @Override
  public AgentBuilder.Transformer transformer() {
    return STATE.transformer();
  }
}
