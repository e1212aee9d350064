package io.qnwis.sample.analysis;

import io.qnwis.sample.api.Json;
import io.qnwis.sample.db.Sql;

/** The sector against all sectors in the same year: size rank, wage and nationalization. */
public final class SectorBenchmarkTask extends AnalysisTask {

  public SectorBenchmarkTask(Sql sql, Query query) {
    super(sql, query);
  }

  @Override
  public String name() {
    return "sector_benchmark";
  }

  @Override
  public Result call() {
    long[] employed = new long[64];
    long[] qatari = new long[64];
    long[] wages = new long[64];
    int maxSector = 0;
    for (long[] row :
        sql.query(
            "SELECT sector_id, nationality, SUM(employed), SUM(total_wages) FROM employment_stats"
                + " WHERE stat_year = ? AND quarter = 4"
                + " GROUP BY sector_id, nationality ORDER BY sector_id, nationality",
            r ->
                new long[] {
                  r.getInt(1), "qatari".equals(r.getString(2)) ? 1 : 0, r.getLong(3), r.getLong(4)
                },
            query.year())) {
      int s = (int) Math.min(row[0], employed.length - 1);
      maxSector = Math.max(maxSector, s);
      employed[s] += row[2];
      wages[s] += row[3];
      if (row[1] == 1) {
        qatari[s] = row[2];
      }
    }
    int me = sectorId();
    int rank = 1;
    long allEmployed = 0;
    long allQatari = 0;
    long allWages = 0;
    for (int s = 1; s <= maxSector; s++) {
      if (employed[s] > employed[me] || (employed[s] == employed[me] && s < me)) {
        rank++;
      }
      allEmployed += employed[s];
      allQatari += qatari[s];
      allWages += wages[s];
    }
    double wageIndex =
        100 * Ratios.ratio(wages[me], employed[me]) / Ratios.ratio(allWages, allEmployed);
    return new Result(
        sign(wageIndex - 100, 5),
        Json.object()
            .put("size_rank", rank)
            .put("sectors", maxSector)
            .put("share_of_workforce_pct", Ratios.percent(employed[me], allEmployed))
            .put("wage_index", wageIndex)
            .put("qatari_share_pct", Ratios.percent(qatari[me], employed[me]))
            .put("national_qatari_share_pct", Ratios.percent(allQatari, allEmployed))
            .toString());
  }
}
