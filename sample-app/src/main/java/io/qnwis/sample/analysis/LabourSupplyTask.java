package io.qnwis.sample.analysis;

import io.qnwis.sample.api.Json;
import io.qnwis.sample.db.Sql;

/** Headcount of the sector by skill level and nationality. */
public final class LabourSupplyTask extends AnalysisTask {

  public LabourSupplyTask(Sql sql, Query query) {
    super(sql, query);
  }

  @Override
  public String name() {
    return "labour_supply";
  }

  @Override
  public Result call() {
    long[][] bySkill = new long[5][2]; // skill level 1..4 x (qatari, non-qatari)
    for (long[] row :
        sql.query(
            "SELECT o.skill_level, e.nationality, SUM(e.employed) FROM employment_stats e"
                + " JOIN occupations o ON o.id = e.occupation_id"
                + " WHERE e.sector_id = ? AND e.stat_year = ? AND e.quarter = 4"
                + " GROUP BY o.skill_level, e.nationality ORDER BY o.skill_level, e.nationality",
            r -> new long[] {r.getInt(1), "qatari".equals(r.getString(2)) ? 0 : 1, r.getLong(3)},
            sectorId(),
            query.year())) {
      bySkill[(int) row[0]][(int) row[1]] = row[2];
    }
    Json levels = Json.array();
    long total = 0;
    long highSkilled = 0;
    for (int level = 1; level <= 4; level++) {
      long sum = bySkill[level][0] + bySkill[level][1];
      total += sum;
      if (level >= 3) {
        highSkilled += sum;
      }
      levels.add(
          Json.object()
              .put("skill_level", level)
              .put("qatari", bySkill[level][0])
              .put("non_qatari", bySkill[level][1]));
    }
    double highSkilledPct = Ratios.percent(highSkilled, total);
    return new Result(
        sign(highSkilledPct - 50, 5),
        Json.object()
            .put("total_employed", total)
            .put("high_skilled_pct", highSkilledPct)
            .put("by_skill_level", levels)
            .toString());
  }
}
