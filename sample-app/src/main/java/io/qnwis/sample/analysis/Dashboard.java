package io.qnwis.sample.analysis;

import io.qnwis.sample.api.Json;
import io.qnwis.sample.cache.ResultCache;
import io.qnwis.sample.db.Sector;
import io.qnwis.sample.db.Sectors;
import io.qnwis.sample.db.Sql;
import java.util.ArrayList;
import java.util.List;

/** The dashboard scenario: national aggregates for a year in four tiles, cached per tile. */
public final class Dashboard {

  private static final List<String> TILES = List.of("workforce", "sectors", "postings", "wages");

  private final Sql sql;
  private final ResultCache cache;
  private final Sectors sectors;

  public Dashboard(Sql sql, ResultCache cache, Sectors sectors) {
    this.sql = sql;
    this.cache = cache;
    this.sectors = sectors;
  }

  /** The dashboard and how many tiles came from the cache. */
  public record Answer(String json, int cachedTiles) {}

  public Answer answer(int year) {
    List<String> keys = new ArrayList<>(TILES.size());
    for (String tile : TILES) {
      keys.add(cache.key("dash:" + tile + ":" + year));
    }
    List<String> cached = cache.mget(keys);
    Json tiles = Json.object();
    int hits = 0;
    for (int i = 0; i < TILES.size(); i++) {
      String tile = cached.get(i);
      if (tile == null) {
        tile = compute(TILES.get(i), year);
        cache.put(keys.get(i), tile);
      } else {
        hits++;
      }
      tiles.putRaw(TILES.get(i), tile);
    }
    String json =
        Json.object().put("scenario", "dashboard").put("year", year).put("tiles", tiles).toString();
    return new Answer(json, hits);
  }

  private String compute(String tile, int year) {
    return switch (tile) {
      case "workforce" -> workforce(year);
      case "sectors" -> bySector(year);
      case "postings" -> postings(year);
      case "wages" -> wagesBySkill(year);
      default -> throw new IllegalArgumentException(tile);
    };
  }

  private String workforce(int year) {
    long[] byNationality = new long[2];
    for (long[] row :
        sql.query(
            "SELECT nationality, SUM(employed) FROM employment_stats WHERE stat_year = ? AND quarter = 4"
                + " GROUP BY nationality ORDER BY nationality",
            r -> new long[] {"qatari".equals(r.getString(1)) ? 0 : 1, r.getLong(2)},
            year)) {
      byNationality[(int) row[0]] = row[1];
    }
    long total = byNationality[0] + byNationality[1];
    return Json.object()
        .put("total_employed", total)
        .put("qatari", byNationality[0])
        .put("non_qatari", byNationality[1])
        .put("qatari_share_pct", Ratios.percent(byNationality[0], total))
        .toString();
  }

  private String bySector(int year) {
    Json rows = Json.array();
    List<long[]> data =
        sql.query(
            "SELECT sector_id, SUM(employed), SUM(total_wages),"
                + " SUM(CASE WHEN nationality = ? THEN employed ELSE 0 END)"
                + " FROM employment_stats WHERE stat_year = ? AND quarter = 4"
                + " GROUP BY sector_id ORDER BY sector_id",
            r -> new long[] {r.getInt(1), r.getLong(2), r.getLong(3), r.getLong(4)},
            "qatari",
            year);
    for (long[] row : data) {
      Sector sector = sectors.all().get((int) row[0] - 1);
      rows.add(
          Json.object()
              .put("sector", sector.code())
              .put("employed", row[1])
              .put("average_wage", Ratios.ratio(row[2], row[1]))
              .put("qatari_share_pct", Ratios.percent(row[3], row[1])));
    }
    return rows.toString();
  }

  private String postings(int year) {
    Json byStatus = Json.object();
    long total = 0;
    long salaries = 0;
    for (Object[] row :
        sql.query(
            "SELECT status, COUNT(*), SUM(salary_offered) FROM job_postings WHERE stat_year = ?"
                + " GROUP BY status ORDER BY status",
            r -> new Object[] {r.getString(1), r.getLong(2), r.getLong(3)},
            year)) {
      byStatus.put((String) row[0], (long) row[1]);
      total += (long) row[1];
      salaries += (long) row[2];
    }
    long qatariOnly =
        sql.query(
                "SELECT COUNT(*) FROM job_postings WHERE stat_year = ? AND qatari_only = ?",
                r -> r.getLong(1),
                year,
                true)
            .get(0);
    return Json.object()
        .put("total", total)
        .put("by_status", byStatus)
        .put("qatari_only", qatariOnly)
        .put("average_offered_salary", Ratios.ratio(salaries, total))
        .toString();
  }

  private String wagesBySkill(int year) {
    Json rows = Json.array();
    for (long[] row :
        sql.query(
            "SELECT o.skill_level, SUM(e.total_wages), SUM(e.employed) FROM employment_stats e"
                + " JOIN occupations o ON o.id = e.occupation_id"
                + " WHERE e.stat_year = ? AND e.quarter = 4"
                + " GROUP BY o.skill_level ORDER BY o.skill_level",
            r -> new long[] {r.getInt(1), r.getLong(2), r.getLong(3)},
            year)) {
      rows.add(
          Json.object()
              .put("skill_level", row[0])
              .put("average_wage", Ratios.ratio(row[1], row[2])));
    }
    return rows.toString();
  }
}
