package io.qnwis.sample.analysis;

import io.qnwis.sample.api.Json;
import io.qnwis.sample.cache.ResultCache;
import io.qnwis.sample.db.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The complex scenario: six named analyses run in parallel on the analysis pool, each cached on its
 * own (read together with one MGET), then combined into one answer with an overall outlook.
 */
public final class ComplexAnalysis {

  private static final long TASK_TIMEOUT_SECONDS = 60;

  private final Sql sql;
  private final ResultCache cache;
  private final ExecutorService pool;

  public ComplexAnalysis(Sql sql, ResultCache cache, ExecutorService pool) {
    this.sql = sql;
    this.cache = cache;
    this.pool = pool;
  }

  List<AnalysisTask> tasks(Query query) {
    return List.of(
        new LabourSupplyTask(sql, query),
        new NationalizationTask(sql, query),
        new SkillsGapTask(sql, query),
        new WageTrendTask(sql, query),
        new DemandForecastTask(sql, query),
        new SectorBenchmarkTask(sql, query));
  }

  /** The combined answer and how many of its analyses came from the cache. */
  public record Answer(String json, int cachedTasks) {}

  public Answer answer(Query query) throws InterruptedException {
    List<AnalysisTask> tasks = tasks(query);
    List<String> keys = new ArrayList<>(tasks.size());
    for (AnalysisTask task : tasks) {
      keys.add(cache.key("query:complex:" + task.name() + ":" + query.keyPart()));
    }
    List<String> cached = cache.mget(keys);

    List<Future<AnalysisTask.Result>> running = new ArrayList<>(tasks.size());
    for (int i = 0; i < tasks.size(); i++) {
      running.add(cached.get(i) == null ? pool.submit(tasks.get(i)) : null);
    }
    AnalysisTask.Result[] results = new AnalysisTask.Result[tasks.size()];
    int hits = 0;
    try {
      for (int i = 0; i < tasks.size(); i++) {
        if (running.get(i) == null) {
          results[i] = AnalysisTask.Result.decode(cached.get(i));
          hits++;
        } else {
          results[i] = running.get(i).get(TASK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
          cache.put(keys.get(i), results[i].encode());
        }
      }
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("analysis did not finish in " + TASK_TIMEOUT_SECONDS + " s");
    } finally {
      for (Future<?> future : running) {
        if (future != null) {
          future.cancel(true);
        }
      }
    }

    Json analyses = Json.object();
    Json signals = Json.object();
    int score = 0;
    for (int i = 0; i < tasks.size(); i++) {
      analyses.putRaw(tasks.get(i).name(), results[i].json());
      signals.put(tasks.get(i).name(), results[i].score());
      score += results[i].score();
    }
    String outlook = score >= 2 ? "favourable" : score <= -2 ? "unfavourable" : "mixed";
    String json =
        Json.object()
            .put("scenario", "complex")
            .put("sector", query.sector().code())
            .put("year", query.year())
            .put("analyses", analyses)
            .put(
                "summary",
                Json.object().put("score", score).put("outlook", outlook).put("signals", signals))
            .toString();
    return new Answer(json, hits);
  }
}
