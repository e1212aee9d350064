package io.qnwis.sample.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;

/**
 * Deterministic synthetic labour-market data: the same rows on every run and every database, so
 * responses can be compared across runs (a fixed seed and a fixed generation order; {@link Random}
 * is specified to the bit).
 */
final class DataGenerator {

  static final int FIRST_YEAR = 2015;
  static final int LAST_YEAR = 2024;
  static final int OCCUPATIONS_PER_SECTOR = 10;
  private static final int BATCH = 2_000;
  private static final long SEED = 974_2015L;
  private static final String[] STATUSES = {"open", "filled", "expired"};

  /** Sector codes and names; the code is what the API takes as {@code sector}. */
  static final List<String[]> SECTORS =
      List.of(
          new String[] {"ENERGY", "Oil, gas and energy"},
          new String[] {"CONSTRUCTION", "Construction"},
          new String[] {"FINANCE", "Banking and finance"},
          new String[] {"ICT", "Information and communications"},
          new String[] {"HEALTH", "Health care"},
          new String[] {"EDUCATION", "Education"},
          new String[] {"HOSPITALITY", "Hospitality and tourism"},
          new String[] {"RETAIL", "Wholesale and retail"},
          new String[] {"MANUFACTURING", "Manufacturing"},
          new String[] {"TRANSPORT", "Transport and logistics"},
          new String[] {"PUBLIC", "Public administration"},
          new String[] {"REALESTATE", "Real estate"},
          new String[] {"AGRICULTURE", "Agriculture and fishing"},
          new String[] {"MEDIA", "Media and culture"},
          new String[] {"SECURITY", "Security services"},
          new String[] {"UTILITIES", "Water and utilities"},
          new String[] {"MINING", "Mining and quarrying"},
          new String[] {"SPORTS", "Sports and recreation"},
          new String[] {"RESEARCH", "Research and development"},
          new String[] {"DOMESTIC", "Household services"});

  private static final String[] TITLES = {
    "Manager", "Engineer", "Analyst", "Technician", "Specialist",
    "Officer", "Coordinator", "Supervisor", "Assistant", "Operator"
  };
  private static final int[] SKILL_BY_TITLE = {4, 4, 3, 2, 3, 2, 2, 3, 1, 1};

  private final int postingRows;
  private final Random random = new Random(SEED);

  DataGenerator(int postingRows) {
    this.postingRows = postingRows;
  }

  /** Inserts everything in batches inside one transaction; returns the number of rows. */
  int load(Connection connection) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      int rows = sectors(connection) + occupations(connection);
      rows += employment(connection);
      rows += postings(connection);
      connection.commit();
      return rows;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private int sectors(Connection connection) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO sectors (id, code, name, qatarization_target) VALUES (?, ?, ?, ?)")) {
      for (int i = 0; i < SECTORS.size(); i++) {
        insert.setInt(1, i + 1);
        insert.setString(2, SECTORS.get(i)[0]);
        insert.setString(3, SECTORS.get(i)[1]);
        insert.setInt(4, 20 + 5 * (i % 7));
        insert.addBatch();
      }
      insert.executeBatch();
    }
    return SECTORS.size();
  }

  private int occupations(Connection connection) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO occupations (id, sector_id, code, title, skill_level)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      for (int sector = 1; sector <= SECTORS.size(); sector++) {
        for (int t = 0; t < OCCUPATIONS_PER_SECTOR; t++) {
          int id = occupationId(sector, t);
          insert.setInt(1, id);
          insert.setInt(2, sector);
          insert.setString(3, String.format("OC%04d", id));
          insert.setString(4, SECTORS.get(sector - 1)[0].charAt(0) + "-" + TITLES[t]);
          insert.setInt(5, SKILL_BY_TITLE[t]);
          insert.addBatch();
        }
      }
      insert.executeBatch();
    }
    return SECTORS.size() * OCCUPATIONS_PER_SECTOR;
  }

  private int employment(Connection connection) throws SQLException {
    long id = 0;
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO employment_stats (id, sector_id, occupation_id, stat_year, quarter,"
                + " nationality, employed, total_wages) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int sector = 1; sector <= SECTORS.size(); sector++) {
        double qatariShare = 0.04 + 0.02 * (sector % 9);
        for (int t = 0; t < OCCUPATIONS_PER_SECTOR; t++) {
          int base = 200 + random.nextInt(4_800);
          int wage = 3_000 + SKILL_BY_TITLE[t] * 4_000 + random.nextInt(3_000);
          for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            double growth = 1 + 0.03 * (year - FIRST_YEAR) + 0.02 * random.nextGaussian();
            double share = Math.min(0.9, qatariShare + 0.008 * (year - FIRST_YEAR));
            for (int quarter = 1; quarter <= 4; quarter++) {
              int total = (int) Math.max(10, base * growth * (0.97 + 0.01 * quarter));
              int qatari = (int) Math.round(total * share);
              int[] employed = {qatari, total - qatari};
              String[] nationality = {"qatari", "non_qatari"};
              for (int n = 0; n < 2; n++) {
                int monthly = n == 0 ? wage * 13 / 10 : wage;
                insert.setLong(1, ++id);
                insert.setInt(2, sector);
                insert.setInt(3, occupationId(sector, t));
                insert.setInt(4, year);
                insert.setInt(5, quarter);
                insert.setString(6, nationality[n]);
                insert.setInt(7, employed[n]);
                insert.setLong(8, (long) employed[n] * (monthly + random.nextInt(500)));
                insert.addBatch();
                if (id % BATCH == 0) {
                  insert.executeBatch();
                }
              }
            }
          }
        }
      }
      insert.executeBatch();
    }
    return (int) id;
  }

  private int postings(Connection connection) throws SQLException {
    int occupations = SECTORS.size() * OCCUPATIONS_PER_SECTOR;
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO job_postings (id, sector_id, occupation_id, skill_level, stat_year, stat_month,"
                + " salary_offered, status, qatari_only) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int id = 1; id <= postingRows; id++) {
        int occupation = 1 + random.nextInt(occupations);
        int title = (occupation - 1) % OCCUPATIONS_PER_SECTOR;
        // Recent years get more postings: the square root skews the draw towards LAST_YEAR.
        int year =
            LAST_YEAR - (int) ((LAST_YEAR - FIRST_YEAR + 1) * (1 - Math.sqrt(random.nextDouble())));
        insert.setLong(1, id);
        insert.setInt(2, (occupation - 1) / OCCUPATIONS_PER_SECTOR + 1);
        insert.setInt(3, occupation);
        insert.setInt(4, SKILL_BY_TITLE[title]);
        insert.setInt(5, Math.max(FIRST_YEAR, year));
        insert.setInt(6, 1 + random.nextInt(12));
        insert.setInt(7, 2_500 + SKILL_BY_TITLE[title] * 4_500 + random.nextInt(6_000));
        insert.setString(8, STATUSES[random.nextInt(STATUSES.length)]);
        insert.setBoolean(9, random.nextInt(5) == 0);
        insert.addBatch();
        if (id % BATCH == 0) {
          insert.executeBatch();
        }
      }
      insert.executeBatch();
    }
    return postingRows;
  }

  private static int occupationId(int sector, int title) {
    return (sector - 1) * OCCUPATIONS_PER_SECTOR + title + 1;
  }
}
