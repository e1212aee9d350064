package io.qnwis.agent.instrumentation.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.qnwis.agent.bootstrap.jdbc.JdbcBridge;
import io.qnwis.agent.instrumentation.Advices;
import io.qnwis.agent.instrumentation.TypeInstrumentation;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Remembers the SQL of prepared statements, which their {@code execute()} no longer has, in every
 * class implementing {@code java.sql.Connection}. Intercepts exactly {@code prepareStatement} and
 * {@code prepareCall}, all overloads (their first argument is the SQL). Only the outermost call on
 * a thread records its statement: a pool's proxy connection returns its proxy statement to the
 * service, and executions of that proxy are the outermost ones measured.
 *
 * <p>Also intercepts {@code close()}, on entry, so that connections a data source handed out are no
 * longer counted in use (for data sources other than HikariCP, whose pool reports that itself).
 */
public final class ConnectionInstrumentation implements TypeInstrumentation {

  private static final String CONNECTION = "java.sql.Connection";

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return JdbcMatchers.jdbcVisible();
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return JdbcMatchers.implementing(CONNECTION);
  }

  @Override
  public Set<String> requiredTypeNames() {
    return Set.of(CONNECTION);
  }

  @Override
  public AgentBuilder.Transformer transformer() {
    return Advices.transformer()
        .advice(
            JdbcMatchers.publicWithBody("prepareStatement", "prepareCall")
                .and(takesArgument(0, String.class)),
            PrepareAdvice.class.getName())
        .advice(
            JdbcMatchers.publicWithBody("close").and(takesArguments(0)),
            CloseAdvice.class.getName());
  }

  /** Connection.prepareStatement/prepareCall(String sql, ...). */
  public static final class PrepareAdvice {
    private PrepareAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter() {
      return JdbcBridge.prepareStart();
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(
        @Advice.Enter Object calls,
        @Advice.Argument(0) String sql,
        @Advice.Return Object statement) {
      JdbcBridge.prepareEnd(calls, statement, sql);
    }
  }

  /** Connection.close(). */
  public static final class CloseAdvice {
    private CloseAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object connection) {
      JdbcBridge.connectionClosing(connection);
    }
  }
}
