package io.qnwis.sample.analysis;

import io.qnwis.sample.api.Json;
import io.qnwis.sample.db.Sql;

/** Open postings against the employed workforce, per skill level: where demand outruns supply. */
public final class SkillsGapTask extends AnalysisTask {

  public SkillsGapTask(Sql sql, Query query) {
    super(sql, query);
  }

  @Override
  public String name() {
    return "skills_gap";
  }

  @Override
  public Result call() {
    long[] open = new long[5];
    for (long[] row :
        sql.query(
            "SELECT skill_level, COUNT(*) FROM job_postings"
                + " WHERE sector_id = ? AND stat_year = ? AND status = ?"
                + " GROUP BY skill_level ORDER BY skill_level",
            r -> new long[] {r.getInt(1), r.getLong(2)},
            sectorId(),
            query.year(),
            "open")) {
      open[(int) row[0]] = row[1];
    }
    long[] employed = new long[5];
    for (long[] row :
        sql.query(
            "SELECT o.skill_level, SUM(e.employed) FROM employment_stats e"
                + " JOIN occupations o ON o.id = e.occupation_id"
                + " WHERE e.sector_id = ? AND e.stat_year = ? AND e.quarter = 4"
                + " GROUP BY o.skill_level ORDER BY o.skill_level",
            r -> new long[] {r.getInt(1), r.getLong(2)},
            sectorId(),
            query.year())) {
      employed[(int) row[0]] = row[1];
    }
    Json levels = Json.array();
    int widest = 0;
    double widestGap = -1;
    for (int level = 1; level <= 4; level++) {
      double perThousand = 1000 * Ratios.ratio(open[level], employed[level]);
      if (!Double.isNaN(perThousand) && perThousand > widestGap) {
        widestGap = perThousand;
        widest = level;
      }
      levels.add(
          Json.object()
              .put("skill_level", level)
              .put("open_postings", open[level])
              .put("employed", employed[level])
              .put("open_per_1000_employed", perThousand));
    }
    return new Result(
        widestGap > 50 ? -1 : widestGap > 20 ? 0 : 1,
        Json.object()
            .put("widest_gap_skill_level", widest)
            .put("widest_gap_per_1000", widestGap)
            .put("by_skill_level", levels)
            .toString());
  }
}
