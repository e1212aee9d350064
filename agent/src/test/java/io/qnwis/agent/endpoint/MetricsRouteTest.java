package io.qnwis.agent.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.qnwis.agent.config.AgentConfig;
import io.qnwis.agent.config.ConfigHolder;
import io.qnwis.agent.metrics.AgentMetrics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /metrics} as a scraper sees it, from the agent's endpoint on a real socket. */
class MetricsRouteTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static AgentEndpoint endpoint;

  @BeforeAll
  static void startEndpoint() throws IOException {
    AgentMetrics metrics = new AgentMetrics(10, "test");
    Gauge.builder().name("other_metric").register(metrics.registry()).set(1);
    endpoint = start(metrics);
  }

  private static AgentEndpoint start(AgentMetrics metrics) throws IOException {
    return AgentEndpoint.start(
        new AgentConfig.MetricsConfig("127.0.0.1", 0, 10, null),
        metrics,
        new ConfigHolder(AgentConfig.defaults(), true, (config, error) -> {}),
        Map.of());
  }

  private static HttpResponse<byte[]> send(
      AgentEndpoint on, String method, String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + on.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  void servesPrometheusTextByDefault() throws Exception {
    HttpResponse<byte[]> response = send(endpoint, "GET", "/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(text(response)).contains("qnwis_agent_info{version=\"test\"} 1");
    assertThat(response.headers().firstValue("Content-Length"))
        .hasValue(Integer.toString(response.body().length));
  }

  @Test
  void servesOpenMetricsWhenTheScraperAcceptsIt() throws Exception {
    HttpResponse<byte[]> response =
        send(
            endpoint,
            "GET",
            "/metrics",
            "Accept",
            "application/openmetrics-text; version=1.0.0; charset=utf-8");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/openmetrics-text");
    assertThat(text(response)).contains("qnwis_agent_info{version=\"test\"} 1").endsWith("# EOF\n");
  }

  @Test
  void gzipsWhenTheScraperAsks() throws Exception {
    HttpResponse<byte[]> response =
        send(endpoint, "GET", "/metrics", "Accept-Encoding", "deflate, gzip");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
    try (GZIPInputStream body = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
      assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8))
          .contains("qnwis_agent_info{version=\"test\"} 1");
    }
  }

  @Test
  void servesOnlyTheNamedMetrics() throws Exception {
    String body = text(send(endpoint, "GET", "/metrics?name[]=qnwis_agent_config_valid"));

    assertThat(body).contains("qnwis_agent_config_valid").doesNotContain("other_metric");
    assertThat(text(send(endpoint, "GET", "/metrics"))).contains("other_metric 1.0");
  }

  @Test
  void answersHeadWithHeadersOnly() throws Exception {
    HttpResponse<byte[]> response = send(endpoint, "HEAD", "/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void aFailedScrapeAnswers500AndIsCounted() throws Exception {
    AgentMetrics metrics = new AgentMetrics(10, "test");
    metrics.registry().register(new Broken());
    AgentEndpoint failing = start(metrics);

    HttpResponse<byte[]> response = send(failing, "GET", "/metrics");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(text(response)).contains("qnwis_agent_errors_total");
    // The broken collector is named, so a filtered scrape leaves it out.
    assertThat(text(send(failing, "GET", "/metrics?name[]=qnwis_agent_errors_total")))
        .contains("qnwis_agent_errors_total{component=\"endpoint\"} 1.0");
  }

  /** A collector that fails as a bug in one would. */
  private static final class Broken implements Collector {
    @Override
    public MetricSnapshot collect() {
      throw new IllegalStateException("broken collector");
    }

    @Override
    public String getPrometheusName() {
      return "broken";
    }
  }
}
