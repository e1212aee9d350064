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
 * A primary-key SELECT on in-memory H2 through HikariCP: what the JDBC instrumentation adds per
 * call. {@code executePrepared} executes a statement prepared once (the execute path alone); {@code
 * acquirePrepareExecute} is a whole request: take a pooled connection, prepare, execute, close
 * (adds the acquire and prepare-time SQL tracking). Run with {@code scripts/bench.sh --quick
 * JdbcBenchmark}.
 *
 * <p>H2's round trip varies by hundreds of ns between runs on a shared machine, more than the
 * agent's cost, so {@code executeWithoutDatabase} and {@code acquirePrepareExecuteWithoutDatabase}
 * run the same calls through HikariCP against {@link ConstantJdbc}, a driver that answers at once:
 * what remains is the pool's proxies and the agent's share.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class JdbcBenchmark {

  private static final String SELECT = "SELECT title, salary FROM jobs WHERE id = ?";
  private static final String UPDATE = "UPDATE jobs SET salary = salary + 1 WHERE id = ?";
  private static final int ROWS = 1_000;

  private HikariDataSource pool;
  private Connection connection;
  private PreparedStatement prepared;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1");
    config.setPoolName("bench");
    config.setMaximumPoolSize(4);
    pool = new HikariDataSource(config);
    try (Connection setup = pool.getConnection();
        Statement statement = setup.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS jobs (id int PRIMARY KEY, title varchar(64), salary int)");
      statement.execute("DELETE FROM jobs");
      try (PreparedStatement insert = setup.prepareStatement("INSERT INTO jobs VALUES (?, ?, ?)")) {
        for (int i = 0; i < ROWS; i++) {
          insert.setInt(1, i);
          insert.setString(2, "job " + i);
          insert.setInt(3, 1000 + i);
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
    connection = pool.getConnection();
    prepared = connection.prepareStatement(SELECT);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    prepared.close();
    connection.close();
    pool.close();
  }

  @Benchmark
  public int executePrepared() throws SQLException {
    prepared.setInt(1, ThreadLocalRandom.current().nextInt(ROWS));
    try (ResultSet rows = prepared.executeQuery()) {
      return rows.next() ? rows.getInt(2) : -1;
    }
  }

  @Benchmark
  public int acquirePrepareExecute() throws SQLException {
    try (Connection pooled = pool.getConnection();
        PreparedStatement statement = pooled.prepareStatement(SELECT)) {
      statement.setInt(1, ThreadLocalRandom.current().nextInt(ROWS));
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getInt(2) : -1;
      }
    }
  }

  @Benchmark
  public int executeWithoutDatabase(WithoutDatabase db) throws SQLException {
    db.prepared.setInt(1, ThreadLocalRandom.current().nextInt(ROWS));
    return db.prepared.executeUpdate();
  }

  @Benchmark
  public int acquirePrepareExecuteWithoutDatabase(WithoutDatabase db) throws SQLException {
    try (Connection pooled = db.pool.getConnection();
        PreparedStatement statement = pooled.prepareStatement(UPDATE)) {
      statement.setInt(1, ThreadLocalRandom.current().nextInt(ROWS));
      return statement.executeUpdate();
    }
  }

  /** A HikariCP pool over {@link ConstantJdbc}, and one statement prepared from it. */
  @State(Scope.Thread)
  public static class WithoutDatabase {
    private HikariDataSource pool;
    private Connection connection;
    private PreparedStatement prepared;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
      HikariConfig config = new HikariConfig();
      config.setDataSource(ConstantJdbc.dataSource());
      config.setPoolName("constant");
      config.setMaximumPoolSize(4);
      pool = new HikariDataSource(config);
      connection = pool.getConnection();
      prepared = connection.prepareStatement(UPDATE);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
      prepared.close();
      connection.close();
      pool.close();
    }
  }
}
