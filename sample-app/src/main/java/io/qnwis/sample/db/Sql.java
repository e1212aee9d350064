package io.qnwis.sample.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Parameterized queries only: values are always bound, never spliced into the SQL text. */
public final class Sql {

  /** Reads one row; called with the cursor on it. */
  @FunctionalInterface
  public interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  private final DataSource dataSource;

  public Sql(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public <T> List<T> query(String sql, RowReader<T> reader, Object... params) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        List<T> result = new ArrayList<>();
        while (rows.next()) {
          result.add(reader.read(rows));
        }
        return result;
      }
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  /** A database failure, unchecked so task classes can be plain Callables. */
  public static final class DataAccessException extends RuntimeException {
    DataAccessException(SQLException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
