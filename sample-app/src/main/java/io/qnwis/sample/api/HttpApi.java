package io.qnwis.sample.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.qnwis.sample.analysis.ComplexAnalysis;
import io.qnwis.sample.analysis.Dashboard;
import io.qnwis.sample.analysis.MediumQuery;
import io.qnwis.sample.analysis.Query;
import io.qnwis.sample.analysis.SimpleQuery;
import io.qnwis.sample.cache.ResultCache;
import io.qnwis.sample.db.Sector;
import io.qnwis.sample.db.Sectors;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP routes: the four benchmark scenarios, the sector list and {@code /healthz}. Responses
 * are JSON; bodies depend only on the data and the parameters (whether an answer came from the
 * cache is told in the {@code X-Cache} header, never in the body).
 */
public final class HttpApi {

  private static final Logger LOG = Logger.getLogger(HttpApi.class.getName());

  private final Sectors sectors;
  private final ResultCache cache;
  private final SimpleQuery simple;
  private final MediumQuery medium;
  private final ComplexAnalysis complex;
  private final Dashboard dashboard;

  public HttpApi(
      Sectors sectors,
      ResultCache cache,
      SimpleQuery simple,
      MediumQuery medium,
      ComplexAnalysis complex,
      Dashboard dashboard) {
    this.sectors = sectors;
    this.cache = cache;
    this.simple = simple;
    this.medium = medium;
    this.complex = complex;
    this.dashboard = dashboard;
  }

  public void register(HttpServer server) {
    server.createContext(
        "/api/query/simple", handler(p -> cached("simple", sectorQuery(p), simple::answer)));
    server.createContext(
        "/api/query/medium", handler(p -> cached("medium", sectorQuery(p), medium::answer)));
    server.createContext(
        "/api/query/complex",
        handler(
            p -> {
              ComplexAnalysis.Answer answer = complex.answer(sectorQuery(p));
              return new Reply(answer.json(), cacheState(answer.cachedTasks(), 6));
            }));
    server.createContext(
        "/api/dashboard",
        handler(
            p -> {
              Dashboard.Answer answer = dashboard.answer(p.year());
              return new Reply(answer.json(), cacheState(answer.cachedTiles(), 4));
            }));
    server.createContext("/api/sectors", handler(p -> new Reply(sectorList(), null)));
    server.createContext(
        "/healthz",
        handler(
            p ->
                new Reply(
                    Json.object()
                        .put("status", "ok")
                        .put("redis", cache.reachable() ? "up" : "down")
                        .toString(),
                    null)));
  }

  private record Reply(String body, String cacheState) {}

  @FunctionalInterface
  private interface Route {
    Reply answer(Params params) throws Exception;
  }

  /** GET then the cache-aside pattern around a whole answer. */
  private Reply cached(String scenario, Query query, Function<Query, String> compute) {
    String key = cache.key("query:" + scenario + ":" + query.keyPart());
    String body = cache.get(key);
    if (body != null) {
      return new Reply(body, "hit");
    }
    body = compute.apply(query);
    cache.put(key, body);
    return new Reply(body, "miss");
  }

  private static String cacheState(int cached, int parts) {
    return cached == 0 ? "miss" : cached == parts ? "hit" : "partial";
  }

  private Query sectorQuery(Params params) {
    String code = params.get("sector");
    if (code == null || code.isBlank()) {
      throw new BadRequest("parameter 'sector' is required (see /api/sectors)");
    }
    Sector sector = sectors.byCode(code.trim());
    if (sector == null) {
      throw new BadRequest("unknown sector '" + code + "' (see /api/sectors)");
    }
    return new Query(sector, params.year());
  }

  private String sectorList() {
    Json list = Json.array();
    for (Sector sector : sectors.all()) {
      list.add(Json.object().put("code", sector.code()).put("name", sector.name()));
    }
    return Json.object()
        .put("sectors", list)
        .put("first_year", Sectors.FIRST_YEAR)
        .put("last_year", Sectors.LAST_YEAR)
        .toString();
  }

  private static HttpHandler handler(Route route) {
    return exchange -> {
      // Answer inside the try, close in finally: try-with-resources would close the exchange
      // before a catch clause could still send the error response.
      try {
        if (!"GET".equals(exchange.getRequestMethod())) {
          send(exchange, 405, error("only GET is supported"), null);
          return;
        }
        Reply reply = route.answer(Params.parse(exchange.getRequestURI().getRawQuery()));
        send(exchange, 200, reply.body(), reply.cacheState());
      } catch (BadRequest e) {
        send(exchange, 400, error(e.getMessage()), null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        send(exchange, 503, error("interrupted"), null);
      } catch (Exception e) {
        LOG.log(Level.WARNING, exchange.getRequestURI() + " failed", e);
        send(exchange, 500, error(e.getClass().getSimpleName() + ": " + e.getMessage()), null);
      } finally {
        exchange.close();
      }
    };
  }

  private static String error(String message) {
    return Json.object().put("error", String.valueOf(message)).toString();
  }

  private static void send(HttpExchange exchange, int status, String body, String cacheState) {
    try {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      if (cacheState != null) {
        exchange.getResponseHeaders().set("X-Cache", cacheState);
      }
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      // the client went away; nothing to answer
    }
  }
}
