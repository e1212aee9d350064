package io.qnwis.sample.analysis;

import io.qnwis.sample.api.Json;
import io.qnwis.sample.db.Sectors;
import io.qnwis.sample.db.Sql;

/** Qatari share of the sector's workforce over the years, against the sector's target. */
public final class NationalizationTask extends AnalysisTask {

  public NationalizationTask(Sql sql, Query query) {
    super(sql, query);
  }

  @Override
  public String name() {
    return "nationalization";
  }

  @Override
  public Result call() {
    int years = query.year() - Sectors.FIRST_YEAR + 1;
    long[] qatari = new long[years];
    long[] total = new long[years];
    for (long[] row :
        sql.query(
            "SELECT stat_year, nationality, SUM(employed) FROM employment_stats"
                + " WHERE sector_id = ? AND stat_year BETWEEN ? AND ? AND quarter = 4"
                + " GROUP BY stat_year, nationality ORDER BY stat_year, nationality",
            r -> new long[] {r.getInt(1), "qatari".equals(r.getString(2)) ? 1 : 0, r.getLong(3)},
            sectorId(),
            Sectors.FIRST_YEAR,
            query.year())) {
      int i = (int) row[0] - Sectors.FIRST_YEAR;
      total[i] += row[2];
      if (row[1] == 1) {
        qatari[i] = row[2];
      }
    }
    Json trend = Json.array();
    long[] basisPoints = new long[years];
    for (int i = 0; i < years; i++) {
      basisPoints[i] = Math.round(10_000 * Ratios.ratio(qatari[i], total[i]));
      trend.add(
          Json.object()
              .put("year", Sectors.FIRST_YEAR + i)
              .put("qatari_share_pct", Ratios.percent(qatari[i], total[i])));
    }
    double share = Ratios.percent(qatari[years - 1], total[years - 1]);
    int target = query.sector().qatarizationTarget();
    double pointsPerYear = Ratios.slope(basisPoints) / 100;
    double yearsToTarget =
        share >= target ? 0 : pointsPerYear <= 0 ? Double.NaN : (target - share) / pointsPerYear;
    return new Result(
        share >= target ? 1 : pointsPerYear > 0.5 ? 0 : -1,
        Json.object()
            .put("qatari_share_pct", share)
            .put("target_pct", target)
            .put("gap_pts", target - share)
            .put("change_pts_per_year", pointsPerYear)
            .put("years_to_target", yearsToTarget)
            .put("trend", trend)
            .toString());
  }
}
