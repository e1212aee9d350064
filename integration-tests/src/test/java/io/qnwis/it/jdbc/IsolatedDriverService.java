package io.qnwis.it.jdbc;

import io.qnwis.it.support.Fixtures;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * A service that loads its JDBC driver (H2) in a class loader of its own whose parent is the
 * platform loader, as application servers and plugin hosts do: the agent must find and time the
 * driver there too. Runs {@link #SELECTS} prepared selects and one insert.
 */
public final class IsolatedDriverService {

  static final int SELECTS = 3;

  public static void main(String[] args) throws Exception {
    URL h2Jar = org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader isolated =
        new URLClassLoader(new URL[] {h2Jar}, ClassLoader.getPlatformClassLoader())) {
      Driver driver =
          (Driver)
              Class.forName("org.h2.Driver", true, isolated).getDeclaredConstructor().newInstance();
      if (driver.getClass().getClassLoader() != isolated) {
        throw new IllegalStateException("driver not isolated");
      }
      try (Connection connection =
          driver.connect(
              "jdbc:h2:mem:isolated_" + ProcessHandle.current().pid(), new Properties())) {
        try (Statement ddl = connection.createStatement()) {
          ddl.execute("CREATE TABLE t (id int PRIMARY KEY)");
          ddl.executeUpdate("INSERT INTO t VALUES (1)");
        }
        try (PreparedStatement select =
            connection.prepareStatement("SELECT id FROM t WHERE id = ?")) {
          for (int i = 0; i < SELECTS; i++) {
            select.setInt(1, 1);
            try (ResultSet rows = select.executeQuery()) {
              rows.next();
            }
          }
        }
        Fixtures.readyAndWait();
      }
    }
  }
}
