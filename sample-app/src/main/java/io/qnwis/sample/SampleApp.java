package io.qnwis.sample;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import io.qnwis.sample.analysis.AnalysisPool;
import io.qnwis.sample.analysis.ComplexAnalysis;
import io.qnwis.sample.analysis.Dashboard;
import io.qnwis.sample.analysis.MediumQuery;
import io.qnwis.sample.analysis.SimpleQuery;
import io.qnwis.sample.api.HttpApi;
import io.qnwis.sample.cache.ResultCache;
import io.qnwis.sample.db.Database;
import io.qnwis.sample.db.Schema;
import io.qnwis.sample.db.Sectors;
import io.qnwis.sample.db.Sql;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * A stand-in for the QNWIS labour-market service: HTTP API, HikariCP over H2 or PostgreSQL, a Redis
 * cache through Lettuce, parallel analyses on a bounded pool. It knows nothing of the agent.
 *
 * <p>Usage: {@code java -jar qnwis-sample-app.jar [port]}; everything else comes from {@code
 * QNWIS_*} environment variables (see docs/sample-app.md).
 */
public final class SampleApp implements AutoCloseable {

  /** Printed once the service answers requests. */
  public static final String STARTED = "QNWIS sample service listening on";

  private static final Logger LOG = Logger.getLogger(SampleApp.class.getName());
  private static final int HTTP_THREADS = 32;
  static final String NO_DELAY = "sun.net.httpserver.nodelay";

  private final HikariDataSource dataSource;
  private final ResultCache cache;
  private final ThreadPoolExecutor analysisPool;
  private final ExecutorService httpThreads;
  private final HttpServer server;

  private SampleApp(SampleConfig config) throws Exception {
    dataSource = Database.pool(config);
    try {
      Schema.ensure(dataSource, config.postingRows());
      Sql sql = new Sql(dataSource);
      Sectors sectors = Sectors.load(sql);
      cache = new ResultCache(config.redisUrl(), config.cachePrefix(), config.cacheTtl());
      if (config.clearCacheOnStart()) {
        long removed = cache.clear();
        if (removed >= 0) {
          LOG.info("cache cleared: " + removed + " keys under " + config.cachePrefix());
        }
      }
      analysisPool = AnalysisPool.create();
      AtomicInteger next = new AtomicInteger();
      httpThreads =
          Executors.newFixedThreadPool(
              HTTP_THREADS, r -> new Thread(r, "qnwis-http-" + next.incrementAndGet()));
      noDelayUnlessSet();
      server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 128);
      new HttpApi(
              sectors,
              cache,
              new SimpleQuery(sql),
              new MediumQuery(sql),
              new ComplexAnalysis(sql, cache, analysisPool),
              new Dashboard(sql, cache, sectors))
          .register(server);
      server.setExecutor(httpThreads);
      server.start();
    } catch (Exception | Error e) {
      dataSource.close();
      throw e;
    }
  }

  /**
   * Turns Nagle's algorithm off on the JDK HTTP server's connections unless the command line chose.
   * The server writes a response's headers and its body apart, so with Nagle on, the body waits for
   * the client's delayed ACK (40 ms on Linux) on a kept-alive connection: every request took 44 ms
   * whatever its work, and the scenario load benchmark measured that. The server reads the setting
   * once, as the JVM's first one starts.
   */
  static void noDelayUnlessSet() {
    if (System.getProperty(NO_DELAY) == null) {
      System.setProperty(NO_DELAY, "true");
    }
  }

  public static SampleApp start(SampleConfig config) throws Exception {
    return new SampleApp(config);
  }

  /** Where the service listens, e.g. {@code http://127.0.0.1:8080}. */
  public String url() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
    return "http://" + host + ":" + address.getPort();
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s [%3$s] %5$s%6$s%n");
    SampleConfig config;
    try {
      config = SampleConfig.from(System.getenv(), args);
    } catch (IllegalArgumentException e) {
      System.err.println("qnwis-sample-app: " + e.getMessage());
      System.exit(2);
      return;
    }
    SampleApp app = start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "qnwis-shutdown"));
    System.out.println(STARTED + " " + app.url());
    System.out.flush();
  }

  @Override
  public void close() {
    server.stop(0);
    httpThreads.shutdownNow();
    analysisPool.shutdownNow();
    try {
      analysisPool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    cache.close();
    dataSource.close();
    LOG.info("stopped");
  }
}
