package io.qnwis.agent.endpoint;

import io.prometheus.metrics.exporter.common.PrometheusHttpExchange;
import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.exporter.common.PrometheusHttpResponse;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.qnwis.agent.metrics.AgentErrors;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.Enumeration;

/**
 * {@code /metrics}: the Prometheus client's scrape handler (format by Accept header, gzip when
 * asked, {@code name[]} filters) on the endpoint's {@link Exchange}. Not the client's own handler
 * for the JDK's server: besides needing that server (see {@link EndpointServer}), its error policy
 * holds a {@code java.util.logging} logger, whose creation at the agent's start sets up the JVM's
 * one {@code LogManager} before the service's {@code main} can choose its own (the {@code
 * java.util.logging.manager} property, as JBoss LogManager and Log4j's bridge ask), and the
 * service's log records would then go to the JDK's default one. A failed scrape is counted in
 * {@code qnwis_agent_errors_total{component="endpoint"}} instead.
 */
final class MetricsRoute implements EndpointServer.Handler {

  private static final String FAILED =
      "the agent could not render its metrics; see qnwis_agent_errors_total\n";

  private final PrometheusScrapeHandler scrape;
  private final AgentErrors errors;

  MetricsRoute(PrometheusRegistry registry, AgentErrors errors) {
    this.scrape = new PrometheusScrapeHandler(registry);
    this.errors = errors;
  }

  @Override
  public void handle(Exchange exchange) throws IOException {
    scrape.handleRequest(new Scrape(exchange));
  }

  /** One exchange as the scrape handler sees it: request, response and its end in one. */
  private final class Scrape
      implements PrometheusHttpExchange, PrometheusHttpRequest, PrometheusHttpResponse {
    private final Exchange exchange;

    Scrape(Exchange exchange) {
      this.exchange = exchange;
    }

    @Override
    public PrometheusHttpRequest getRequest() {
      return this;
    }

    @Override
    public PrometheusHttpResponse getResponse() {
      return this;
    }

    @Override
    public String getQueryString() {
      return exchange.query();
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return Collections.enumeration(exchange.headers(name));
    }

    @Override
    public String getMethod() {
      return exchange.method();
    }

    @Override
    public String getRequestPath() {
      return exchange.path();
    }

    @Override
    public void setHeader(String name, String value) {
      exchange.setHeader(name, value);
    }

    @Override
    public OutputStream sendHeadersAndGetBody(int status, int contentLength) throws IOException {
      // The handler sets Content-Length itself where it knows it (not for gzip: that body ends
      // with the connection); its contentLength only tells the JDK server the same.
      return exchange.respond(status);
    }

    /**
     * Once the response has begun, an I/O error is the scraper going away (a timeout, a closed
     * connection): nothing of the agent's failed, and nothing is counted.
     */
    @Override
    public void handleException(IOException e) {
      if (!exchange.responded()) {
        failed(e);
      }
    }

    @Override
    public void handleException(RuntimeException e) {
      failed(e);
    }

    private void failed(Exception e) {
      errors.report("endpoint", e);
      if (exchange.responded()) {
        return;
      }
      try {
        exchange.send(500, "text/plain", FAILED);
      } catch (IOException scraperGone) {
        // The scraper sees the connection close instead.
      }
    }

    @Override
    public void close() {
      // The server closes the connection once the handler returns.
    }
  }
}
