package io.qnwis.sample.analysis;

import io.qnwis.sample.api.Json;
import io.qnwis.sample.db.Sql;
import java.util.List;

/**
 * The medium scenario: three data calls (headcount this year and last, top occupations, job
 * postings) and a synthesis of them (growth, nationalization, demand, an outlook).
 */
public final class MediumQuery {

  private final Sql sql;

  public MediumQuery(Sql sql) {
    this.sql = sql;
  }

  public String answer(Query query) {
    int sector = query.sector().id();
    int year = query.year();

    long[] current = new long[2]; // qatari, non-qatari
    long[] previous = new long[2];
    for (long[] row :
        sql.query(
            "SELECT stat_year, nationality, SUM(employed) FROM employment_stats"
                + " WHERE sector_id = ? AND stat_year IN (?, ?) AND quarter = 4"
                + " GROUP BY stat_year, nationality ORDER BY stat_year, nationality",
            r -> new long[] {r.getInt(1), "qatari".equals(r.getString(2)) ? 0 : 1, r.getLong(3)},
            sector,
            year - 1,
            year)) {
      (row[0] == year ? current : previous)[(int) row[1]] = row[2];
    }

    Json top = Json.array();
    for (String occupation :
        sql.query(
            "SELECT o.code, o.title, SUM(e.employed) AS headcount FROM employment_stats e"
                + " JOIN occupations o ON o.id = e.occupation_id"
                + " WHERE e.sector_id = ? AND e.stat_year = ? AND e.quarter = 4"
                + " GROUP BY o.code, o.title ORDER BY headcount DESC, o.code LIMIT 5",
            r ->
                Json.object()
                    .put("code", r.getString(1))
                    .put("title", r.getString(2))
                    .put("employed", r.getLong(3))
                    .toString(),
            sector,
            year)) {
      top.addRaw(occupation);
    }

    List<long[]> postings =
        sql.query(
            "SELECT status, COUNT(*), SUM(salary_offered) FROM job_postings"
                + " WHERE sector_id = ? AND stat_year = ? GROUP BY status ORDER BY status",
            r -> new long[] {"open".equals(r.getString(1)) ? 1 : 0, r.getLong(2), r.getLong(3)},
            sector,
            year);
    long postingCount = 0;
    long open = 0;
    long salaries = 0;
    for (long[] row : postings) {
      postingCount += row[1];
      salaries += row[2];
      if (row[0] == 1) {
        open = row[1];
      }
    }

    long employed = current[0] + current[1];
    double growth = Ratios.growthPercent(previous[0] + previous[1], employed);
    double openPerThousand = 1000 * Ratios.ratio(open, employed);
    String outlook =
        Double.isNaN(growth)
            ? "unknown"
            : growth > 2 ? "expanding" : growth < 0 ? "contracting" : "stable";
    return Json.object()
        .put("scenario", "medium")
        .put("sector", query.sector().code())
        .put("year", year)
        .put("total_employed", employed)
        .put("employment_growth_pct", growth)
        .put("qatari_share_pct", Ratios.percent(current[0], employed))
        .put(
            "qatari_share_change_pts",
            Ratios.percent(current[0], employed)
                - Ratios.percent(previous[0], previous[0] + previous[1]))
        .put("top_occupations", top)
        .put(
            "postings",
            Json.object()
                .put("total", postingCount)
                .put("open", open)
                .put("average_offered_salary", Ratios.ratio(salaries, postingCount))
                .put("open_per_1000_employed", openPerThousand))
        .put("outlook", outlook)
        .toString();
  }
}
