package io.qnwis.agent.endpoint;

import io.qnwis.agent.config.AgentConfig;
import io.qnwis.agent.config.ConfigHolder;
import io.qnwis.agent.config.ConfigJson;
import io.qnwis.agent.metrics.AgentMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The agent's own HTTP endpoint: {@code /metrics} (Prometheus text or OpenMetrics by Accept header,
 * gzip when asked), {@code /health}, {@code /config} (secrets redacted) and the JSON documents
 * modules add ({@code /queries}, {@code /cache}); {@code /} lists them. Basic auth, when
 * configured, guards every path and follows config reloads. Served by {@link EndpointServer}.
 */
public final class AgentEndpoint {

  private static final String REALM = "Basic realm=\"qnwis-agent\"";

  private final EndpointServer server;

  private AgentEndpoint(EndpointServer server) {
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
    Map<String, EndpointServer.Handler> routes = new TreeMap<>();
    routes.put("/metrics", new MetricsRoute(metrics.registry(), metrics.errors()));
    routes.put("/health", json(() -> health(config)));
    routes.put("/config", json(() -> ConfigJson.render(config.current(), config.valid())));
    jsonRoutes.forEach((path, document) -> routes.put(path, json(document)));
    EndpointServer.Handler index = exchange -> index(exchange, routes.keySet());
    EndpointServer.Handler byPath =
        exchange -> routes.getOrDefault(exchange.path(), index).handle(exchange);
    EndpointServer server =
        EndpointServer.start(
            new InetSocketAddress(listen.host(), listen.port()),
            authorized(config, byPath),
            metrics.errors());
    return new AgentEndpoint(server);
  }

  public int port() {
    return server.port();
  }

  private static String health(ConfigHolder config) {
    return new JsonWriter()
        .beginObject()
        .field("status", "up")
        .field("config_valid", config.valid())
        .endObject()
        .toString();
  }

  private static EndpointServer.Handler json(Supplier<String> document) {
    return exchange -> {
      if (!"GET".equals(exchange.method()) && !exchange.isHead()) {
        exchange.setHeader("Allow", "GET, HEAD");
        exchange.send(405, "text/plain", "only GET is supported\n");
        return;
      }
      exchange.send(200, "application/json", document.get());
    };
  }

  /** {@code /}: the paths served, 200; any other path not served: the same list, 404. */
  private static void index(Exchange exchange, Iterable<String> paths) throws IOException {
    StringBuilder body = new StringBuilder("QNWIS performance agent. Paths:\n");
    for (String path : paths) {
      body.append("  ").append(path).append('\n');
    }
    exchange.send(exchange.path().equals("/") ? 200 : 404, "text/plain", body.toString());
  }

  /**
   * {@code handler} behind Basic auth when the config in force asks for it (checked at each
   * request, so a reload can rotate the credentials): else 401 with a challenge.
   */
  private static EndpointServer.Handler authorized(
      ConfigHolder config, EndpointServer.Handler handler) {
    return exchange -> {
      AgentConfig.BasicAuth auth = config.current().metrics().basicAuth();
      if (auth == null || presents(exchange.header("Authorization"), auth)) {
        handler.handle(exchange);
        return;
      }
      exchange.setHeader("WWW-Authenticate", REALM);
      exchange.send(401, "text/plain", "credentials required\n");
    };
  }

  /** Whether {@code authorization} (the header, or null) carries the configured credentials. */
  static boolean presents(String authorization, AgentConfig.BasicAuth auth) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String credentials;
    try {
      credentials =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).strip()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
    int colon = credentials.indexOf(':');
    if (colon < 0) {
      return false;
    }
    byte[] expected = HexFormat.of().parseHex(auth.passwordSha256().toLowerCase());
    boolean userMatches =
        MessageDigest.isEqual(
            credentials.substring(0, colon).getBytes(StandardCharsets.UTF_8),
            auth.username().getBytes(StandardCharsets.UTF_8));
    boolean passwordMatches =
        MessageDigest.isEqual(sha256(credentials.substring(colon + 1)), expected);
    return userMatches & passwordMatches;
  }

  private static byte[] sha256(String password) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
