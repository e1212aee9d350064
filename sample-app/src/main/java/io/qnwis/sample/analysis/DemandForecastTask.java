package io.qnwis.sample.analysis;

import io.qnwis.sample.api.Json;
import io.qnwis.sample.db.Sectors;
import io.qnwis.sample.db.Sql;

/** Job postings per year and a straight-line forecast for the next year. */
public final class DemandForecastTask extends AnalysisTask {

  public DemandForecastTask(Sql sql, Query query) {
    super(sql, query);
  }

  @Override
  public String name() {
    return "demand_forecast";
  }

  @Override
  public Result call() {
    int years = query.year() - Sectors.FIRST_YEAR + 1;
    long[] postings = new long[years];
    for (long[] row :
        sql.query(
            "SELECT stat_year, COUNT(*) FROM job_postings WHERE sector_id = ? AND stat_year BETWEEN ? AND ?"
                + " GROUP BY stat_year ORDER BY stat_year",
            r -> new long[] {r.getInt(1), r.getLong(2)},
            sectorId(),
            Sectors.FIRST_YEAR,
            query.year())) {
      postings[(int) row[0] - Sectors.FIRST_YEAR] = row[1];
    }
    Json history = Json.array();
    for (int i = 0; i < years; i++) {
      history.add(Json.object().put("year", Sectors.FIRST_YEAR + i).put("postings", postings[i]));
    }
    double slope = Ratios.slope(postings);
    return new Result(
        sign(slope, 1),
        Json.object()
            .put("forecast_year", query.year() + 1)
            .put("forecast_postings", Math.max(0, Math.round(Ratios.projectNext(postings))))
            .put("trend_per_year", slope)
            .put("history", history)
            .toString());
  }
}
