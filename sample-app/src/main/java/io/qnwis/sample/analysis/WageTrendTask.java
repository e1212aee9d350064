package io.qnwis.sample.analysis;

import io.qnwis.sample.api.Json;
import io.qnwis.sample.db.Sectors;
import io.qnwis.sample.db.Sql;

/** Average monthly wage of the sector by year and the gap between nationalities. */
public final class WageTrendTask extends AnalysisTask {

  public WageTrendTask(Sql sql, Query query) {
    super(sql, query);
  }

  @Override
  public String name() {
    return "wage_trend";
  }

  @Override
  public Result call() {
    int years = query.year() - Sectors.FIRST_YEAR + 1;
    long[][] wages = new long[years][2]; // qatari, non-qatari
    long[][] employed = new long[years][2];
    for (long[] row :
        sql.query(
            "SELECT stat_year, nationality, SUM(total_wages), SUM(employed) FROM employment_stats"
                + " WHERE sector_id = ? AND stat_year BETWEEN ? AND ?"
                + " GROUP BY stat_year, nationality ORDER BY stat_year, nationality",
            r ->
                new long[] {
                  r.getInt(1), "qatari".equals(r.getString(2)) ? 0 : 1, r.getLong(3), r.getLong(4)
                },
            sectorId(),
            Sectors.FIRST_YEAR,
            query.year())) {
      int i = (int) row[0] - Sectors.FIRST_YEAR;
      wages[i][(int) row[1]] = row[2];
      employed[i][(int) row[1]] = row[3];
    }
    Json trend = Json.array();
    double first = Double.NaN;
    double last = Double.NaN;
    for (int i = 0; i < years; i++) {
      last = Ratios.ratio(wages[i][0] + wages[i][1], employed[i][0] + employed[i][1]);
      if (i == 0) {
        first = last;
      }
      trend.add(Json.object().put("year", Sectors.FIRST_YEAR + i).put("average_wage", last));
    }
    int n = years - 1;
    // StrictMath: Math.pow may differ by an ulp between JVMs, and answers must not.
    double growth = n == 0 ? 0 : 100 * (StrictMath.pow(last / first, 1.0 / n) - 1);
    double gapPct =
        100
            * (Ratios.ratio(wages[n][0], employed[n][0]) / Ratios.ratio(wages[n][1], employed[n][1])
                - 1);
    return new Result(
        sign(growth - 1, 0.5),
        Json.object()
            .put("average_wage", last)
            .put("annual_growth_pct", growth)
            .put("qatari_premium_pct", gapPct)
            .put("trend", trend)
            .toString());
  }
}
