package io.qnwis.bench.jmh;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the JDBC timeout policy costs on H2, which keeps one query timeout per connection: two
 * primary-key SELECTs on one connection, one under the bench config's 5 s rule for {@code
 * job_postings} and one under its 30 s default, so the agent changes the connection's timeout
 * before each (H2 runs a {@code SET QUERY_TIMEOUT} command, then parses its statements again). Not
 * part of the report (a pattern, not a per-call cost); run with {@code scripts/bench.sh --modes
 * none,agent H2TimeoutBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class H2TimeoutBenchmark {

  private static final int ROWS = 1_000;

  private HikariDataSource pool;
  private Connection connection;
  private PreparedStatement underRule;
  private PreparedStatement underDefault;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:timeouts;DB_CLOSE_DELAY=-1");
    config.setMaximumPoolSize(1);
    pool = new HikariDataSource(config);
    connection = pool.getConnection();
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS job_postings (id int PRIMARY KEY, title text)");
      statement.execute("CREATE TABLE IF NOT EXISTS jobs (id int PRIMARY KEY, title text)");
      statement.execute("DELETE FROM job_postings");
      statement.execute("DELETE FROM jobs");
      String ids = " FROM system_range(0, " + (ROWS - 1) + ")";
      statement.execute("INSERT INTO job_postings SELECT x, 'p' || x" + ids);
      statement.execute("INSERT INTO jobs SELECT x, 'j' || x" + ids);
    }
    underRule = connection.prepareStatement("SELECT * FROM job_postings WHERE id = ?");
    underDefault = connection.prepareStatement("SELECT * FROM jobs WHERE id = ?");
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    underRule.close();
    underDefault.close();
    connection.close();
    pool.close();
  }

  @Benchmark
  public int alternateRulesOnOneConnection() throws SQLException {
    return select(underRule) + select(underDefault);
  }

  private static int select(PreparedStatement statement) throws SQLException {
    statement.setInt(1, ThreadLocalRandom.current().nextInt(ROWS));
    try (ResultSet rows = statement.executeQuery()) {
      return rows.next() ? rows.getInt(1) : -1;
    }
  }
}
