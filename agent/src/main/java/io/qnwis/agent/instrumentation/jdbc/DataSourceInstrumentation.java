package io.qnwis.agent.instrumentation.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
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
 * Times connection acquisition in every class implementing {@code javax.sql.DataSource}, and hands
 * the returned connection to the in-use count. Intercepts exactly {@code getConnection()} and
 * {@code getConnection(String, String)}. Only the outermost call on a thread is measured: a pool
 * creating a connection from the driver's data source inside the service's call is part of that
 * call.
 */
public final class DataSourceInstrumentation implements TypeInstrumentation {

  private static final String DATA_SOURCE = "javax.sql.DataSource";

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return JdbcMatchers.jdbcVisible();
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return JdbcMatchers.implementing(DATA_SOURCE).and(not(namedOneOf(EXCLUDED)));
  }

  @Override
  public Set<String> requiredTypeNames() {
    return Set.of(DATA_SOURCE);
  }

  /**
   * Data sources that are a pool's internals, not what the service acquires from. HikariCP's
   * DriverDataSource: Hikari opens physical connections through it on its own threads; the
   * service's acquisitions are measured on HikariDataSource.
   */
  static final String[] EXCLUDED = {"com.zaxxer.hikari.util.DriverDataSource"};

  @Override
  public AgentBuilder.Transformer transformer() {
    return Advices.transformer()
        .advice(
            JdbcMatchers.publicWithBody("getConnection")
                .and(takesArguments(0).or(takesArguments(String.class, String.class))),
            GetConnectionAdvice.class.getName());
  }

  /** DataSource.getConnection(...). */
  public static final class GetConnectionAdvice {
    private GetConnectionAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter() {
      return JdbcBridge.acquireStart();
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(
        @Advice.This Object dataSource,
        @Advice.Enter Object calls,
        @Advice.Return Object connection,
        @Advice.Thrown Throwable error) {
      JdbcBridge.acquireEnd(calls, dataSource, connection, error);
    }
  }
}
