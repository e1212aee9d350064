package io.qnwis.sample.analysis;

import io.qnwis.sample.db.Sql;
import java.util.concurrent.Callable;

/**
 * One named analysis of the complex scenario, run on the analysis pool. Each returns its findings
 * as a JSON fragment and a score (-1 unfavourable, 0 neutral, +1 favourable) that the combined
 * answer sums into an overall outlook.
 */
public abstract class AnalysisTask implements Callable<AnalysisTask.Result> {

  /** A task's findings. {@link #encode()} is what the cache holds. */
  public record Result(int score, String json) {
    public String encode() {
      return score + "|" + json;
    }

    public static Result decode(String cached) {
      int bar = cached.indexOf('|');
      return new Result(Integer.parseInt(cached.substring(0, bar)), cached.substring(bar + 1));
    }
  }

  protected final Sql sql;
  protected final Query query;

  protected AnalysisTask(Sql sql, Query query) {
    this.sql = sql;
    this.query = query;
  }

  /** The key under which the combined answer lists this task's findings. */
  public abstract String name();

  protected int sectorId() {
    return query.sector().id();
  }

  protected static int sign(double value, double deadBand) {
    return Double.isNaN(value) || Math.abs(value) <= deadBand ? 0 : value > 0 ? 1 : -1;
  }
}
