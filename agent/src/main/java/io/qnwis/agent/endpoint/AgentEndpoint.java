package io.qnwis.agent.endpoint;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.qnwis.agent.AgentThreads;
import io.qnwis.agent.config.AgentConfig;
import io.qnwis.agent.config.ConfigHolder;
import io.qnwis.agent.config.ConfigJson;
import io.qnwis.agent.metrics.AgentMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The agent's own HTTP endpoint: {@code /metrics} (Prometheus text or OpenMetrics by Accept header,
 * gzip when asked), {@code /health}, {@code /config} (secrets redacted) and the JSON documents
 * modules add ({@code /queries}, {@code /cache}). Basic auth, when configured, guards every path
 * and follows config reloads.
 */
public final class AgentEndpoint {

  private final HttpServer server;

  private AgentEndpoint(HttpServer server) {
    this.server = server;
  }

  /**
   * @throws IOException if the address cannot be bound (port in use, unknown host)
   */
  public static AgentEndpoint start(
      AgentConfig.MetricsConfig listen,
      AgentMetrics metrics,
      ConfigHolder config,
      Map<String, Supplier<String>> jsonRoutes)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(listen.host(), listen.port()), 16);
    Authenticator auth = new Authenticator(config);
    Map<String, HttpHandler> routes = new TreeMap<>();
    routes.put("/metrics", new MetricsRoute(metrics.registry(), metrics.errors()));
    routes.put("/health", json(() -> health(config)));
    routes.put("/config", json(() -> ConfigJson.render(config.current(), config.valid())));
    jsonRoutes.forEach((path, document) -> routes.put(path, json(document)));
    routes.put("/", exchange -> notFound(exchange, routes.keySet()));
    routes.forEach((path, handler) -> server.createContext(path, handler).setAuthenticator(auth));
    // Serves for the life of the JVM, on daemon threads.
    server.setExecutor(Executors.newFixedThreadPool(2, AgentThreads.factory("http")));
    startAsDaemon(server);
    return new AgentEndpoint(server);
  }

  /**
   * The JDK server's dispatcher thread inherits daemon status from the thread that starts it; a
   * non-daemon dispatcher would keep the service's JVM alive after its main thread ends.
   */
  private static void startAsDaemon(HttpServer server) {
    Thread starter = new Thread(server::start, AgentThreads.PREFIX + "http-start");
    starter.setDaemon(true);
    starter.start();
    try {
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static String health(ConfigHolder config) {
    return new JsonWriter()
        .beginObject()
        .field("status", "up")
        .field("config_valid", config.valid())
        .endObject()
        .toString();
  }

  private static HttpHandler json(Supplier<String> document) {
    return exchange -> {
      try (exchange) {
        if (!"GET".equals(exchange.getRequestMethod())
            && !"HEAD".equals(exchange.getRequestMethod())) {
          send(exchange, 405, "text/plain", "only GET is supported\n");
          return;
        }
        send(exchange, 200, "application/json", document.get());
      }
    };
  }

  private static void notFound(HttpExchange exchange, Iterable<String> paths) throws IOException {
    try (exchange) {
      StringBuilder body = new StringBuilder("QNWIS performance agent. Paths:\n");
      for (String path : paths) {
        if (!path.equals("/")) {
          body.append("  ").append(path).append('\n');
        }
      }
      int status = exchange.getRequestURI().getPath().equals("/") ? 200 : 404;
      send(exchange, status, "text/plain", body.toString());
    }
  }

  /** A text response ({@code type} in UTF-8), headers only for HEAD. */
  static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** Checks credentials against the config in force, so a reload can rotate them. */
  private static final class Authenticator extends BasicAuthenticator {
    private final ConfigHolder config;

    Authenticator(ConfigHolder config) {
      super("qnwis-agent");
      this.config = config;
    }

    @Override
    public Result authenticate(HttpExchange exchange) {
      if (config.current().metrics().basicAuth() == null) {
        return new Success(new com.sun.net.httpserver.HttpPrincipal("anonymous", "qnwis-agent"));
      }
      return super.authenticate(exchange);
    }

    @Override
    public boolean checkCredentials(String username, String password) {
      AgentConfig.BasicAuth auth = config.current().metrics().basicAuth();
      if (auth == null) {
        return true;
      }
      byte[] expected = HexFormat.of().parseHex(auth.passwordSha256().toLowerCase());
      boolean userMatches =
          MessageDigest.isEqual(
              username.getBytes(StandardCharsets.UTF_8),
              auth.username().getBytes(StandardCharsets.UTF_8));
      boolean passwordMatches = MessageDigest.isEqual(sha256(password), expected);
      return userMatches & passwordMatches;
    }

    private static byte[] sha256(String password) {
      try {
        return MessageDigest.getInstance("SHA-256")
            .digest(password.getBytes(StandardCharsets.UTF_8));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is required of every JDK", e);
      }
    }
  }
}
