package io.qnwis.sample.analysis;

import io.qnwis.sample.api.Json;
import io.qnwis.sample.db.Sql;
import java.util.List;

/** The simple scenario: one small query, headcount and wages of a sector in a year. */
public final class SimpleQuery {

  private final Sql sql;

  public SimpleQuery(Sql sql) {
    this.sql = sql;
  }

  public String answer(Query query) {
    List<long[]> rows =
        sql.query(
            "SELECT nationality, SUM(employed), SUM(total_wages) FROM employment_stats"
                + " WHERE sector_id = ? AND stat_year = ? AND quarter = 4"
                + " GROUP BY nationality ORDER BY nationality",
            row ->
                new long[] {
                  "qatari".equals(row.getString(1)) ? 1 : 0, row.getLong(2), row.getLong(3)
                },
            query.sector().id(),
            query.year());
    long qatari = 0;
    long others = 0;
    long wages = 0;
    for (long[] row : rows) {
      if (row[0] == 1) {
        qatari = row[1];
      } else {
        others = row[1];
      }
      wages += row[2];
    }
    long total = qatari + others;
    return Json.object()
        .put("scenario", "simple")
        .put("sector", query.sector().code())
        .put("sector_name", query.sector().name())
        .put("year", query.year())
        .put("employed", Json.object().put("qatari", qatari).put("non_qatari", others))
        .put("total_employed", total)
        .put("qatari_share_pct", Ratios.percent(qatari, total))
        .put("average_monthly_wage", Ratios.ratio(wages, total))
        .toString();
  }
}
