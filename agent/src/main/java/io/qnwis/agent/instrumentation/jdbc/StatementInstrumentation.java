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
 * Times statement execution in every class implementing {@code java.sql.Statement} (so also {@code
 * PreparedStatement}, {@code CallableStatement} and pool proxies). Intercepts exactly:
 *
 * <ul>
 *   <li>{@code execute}, {@code executeQuery}, {@code executeUpdate}, {@code executeLargeUpdate}
 *       taking the SQL as first argument (all overloads: with auto-generated keys flag, column
 *       indexes or names);
 *   <li>{@code execute()}, {@code executeQuery()}, {@code executeUpdate()}, {@code
 *       executeLargeUpdate()}, {@code executeBatch()}, {@code executeLargeBatch()}: the SQL is the
 *       one the statement was prepared with (see {@link ConnectionInstrumentation}) or, for a plain
 *       statement's batch, the last {@code addBatch(String)};
 *   <li>{@code addBatch(String)}: remembers the batch's SQL, nothing is timed;
 *   <li>{@code setQueryTimeout(int)}: the timeout policy checks the statement's timeout again at
 *       its next execution (until then it trusts its last check), nothing is timed;
 *   <li>{@code close()}: the agent forgets the statement, so its slot is free for the next one.
 * </ul>
 *
 * <p>Like execution, the last three concern only the outermost call on a thread: the statement the
 * service holds, not the driver's one a pool's proxy delegates to.
 */
public final class StatementInstrumentation implements TypeInstrumentation {

  private static final String STATEMENT = "java.sql.Statement";

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return JdbcMatchers.jdbcVisible();
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return JdbcMatchers.implementing(STATEMENT);
  }

  @Override
  public Set<String> requiredTypeNames() {
    return Set.of(STATEMENT);
  }

  @Override
  public AgentBuilder.Transformer transformer() {
    return Advices.transformer()
        .advice(
            JdbcMatchers.publicWithBody(
                    "execute", "executeQuery", "executeUpdate", "executeLargeUpdate")
                .and(takesArgument(0, String.class)),
            SqlArgumentAdvice.class.getName())
        .advice(
            JdbcMatchers.publicWithBody(
                    "execute",
                    "executeQuery",
                    "executeUpdate",
                    "executeLargeUpdate",
                    "executeBatch",
                    "executeLargeBatch")
                .and(takesArguments(0)),
            PreparedAdvice.class.getName())
        .advice(
            JdbcMatchers.publicWithBody("addBatch").and(takesArguments(String.class)),
            AddBatchAdvice.class.getName())
        .advice(
            JdbcMatchers.publicWithBody("setQueryTimeout").and(takesArguments(int.class)),
            SetQueryTimeoutAdvice.class.getName())
        .advice(
            JdbcMatchers.publicWithBody("close").and(takesArguments(0)),
            CloseAdvice.class.getName());
  }

  /** Statement.execute*(String sql, ...). */
  public static final class SqlArgumentAdvice {
    private SqlArgumentAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object statement, @Advice.Argument(0) String sql) {
      return JdbcBridge.executeStart(statement, sql);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Enter Object calls, @Advice.Thrown Throwable error) {
      JdbcBridge.executeEnd(calls, error);
    }
  }

  /** PreparedStatement.execute*() and executeBatch(): the SQL is looked up by statement. */
  public static final class PreparedAdvice {
    private PreparedAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object statement) {
      return JdbcBridge.executeStart(statement, null);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Enter Object calls, @Advice.Thrown Throwable error) {
      JdbcBridge.executeEnd(calls, error);
    }
  }

  /** Statement.addBatch(String): the batch takes its statements' verb. */
  public static final class AddBatchAdvice {
    private AddBatchAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter() {
      return JdbcBridge.addBatchStart();
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(
        @Advice.Enter Object calls,
        @Advice.This Object statement,
        @Advice.Argument(0) String sql,
        @Advice.Thrown Throwable error) {
      JdbcBridge.addBatchEnd(calls, statement, sql, error);
    }
  }

  /** Statement.setQueryTimeout(int). */
  public static final class SetQueryTimeoutAdvice {
    private SetQueryTimeoutAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter() {
      return JdbcBridge.queryTimeoutSetStart();
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(
        @Advice.Enter Object calls, @Advice.This Object statement, @Advice.Thrown Throwable error) {
      JdbcBridge.queryTimeoutSetEnd(calls, statement, error);
    }
  }

  /** Statement.close(). */
  public static final class CloseAdvice {
    private CloseAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter() {
      return JdbcBridge.closeStart();
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(
        @Advice.Enter Object calls, @Advice.This Object statement, @Advice.Thrown Throwable error) {
      JdbcBridge.closeEnd(calls, statement, error);
    }
  }
}
