package io.qnwis.sample.db;

import java.util.List;
import java.util.Locale;

/** The sector list, read once at start-up (20 rows that never change). */
public final class Sectors {

  public static final int FIRST_YEAR = DataGenerator.FIRST_YEAR;
  public static final int LAST_YEAR = DataGenerator.LAST_YEAR;

  private final List<Sector> all;

  private Sectors(List<Sector> all) {
    this.all = List.copyOf(all);
  }

  public static Sectors load(Sql sql) {
    return new Sectors(
        sql.query(
            "SELECT id, code, name, qatarization_target FROM sectors ORDER BY id",
            row -> new Sector(row.getInt(1), row.getString(2), row.getString(3), row.getInt(4))));
  }

  public List<Sector> all() {
    return all;
  }

  /** The sector with this code (case-insensitive), or null. */
  public Sector byCode(String code) {
    String wanted = code.toUpperCase(Locale.ROOT);
    for (Sector sector : all) {
      if (sector.code().equals(wanted)) {
        return sector;
      }
    }
    return null;
  }
}
