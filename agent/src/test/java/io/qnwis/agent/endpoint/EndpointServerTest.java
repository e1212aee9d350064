package io.qnwis.agent.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.qnwis.agent.metrics.AgentMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The endpoint's HTTP server on a real socket, spoken to byte by byte. */
class EndpointServerTest {

  private AgentMetrics metrics;
  private EndpointServer server;

  @BeforeEach
  void start() throws IOException {
    metrics = new AgentMetrics(10, "test");
    EndpointServer.Handler echo =
        exchange ->
            exchange.send(
                200,
                "text/plain",
                exchange.method()
                    + " "
                    + exchange.path()
                    + " query="
                    + exchange.query()
                    + " accept="
                    + exchange.headers("accept")
                    + "\n");
    EndpointServer.Handler failing =
        exchange -> {
          throw new IllegalStateException("a bug in a route");
        };
    Map<String, EndpointServer.Handler> routes = Map.of("/echo", echo, "/failing", failing);
    EndpointServer.Handler notFound =
        exchange -> exchange.send(404, "text/plain", "no such path\n");
    server =
        EndpointServer.start(
            new InetSocketAddress("127.0.0.1", 0),
            exchange -> routes.getOrDefault(exchange.path(), notFound).handle(exchange),
            metrics.errors());
  }

  /** Sends {@code request} as is and returns all the server answers before it closes. */
  private String exchange(String request) throws IOException {
    try (Socket client = new Socket("127.0.0.1", server.port())) {
      client.setSoTimeout(20_000);
      client.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      client.shutdownOutput(); // all sent: a server waiting for more sees the end
      return new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private double endpointErrors() {
    return metrics.registry().scrape().stream()
        .filter(snapshot -> snapshot.getMetadata().getPrometheusName().equals("qnwis_agent_errors"))
        .flatMap(snapshot -> ((CounterSnapshot) snapshot).getDataPoints().stream())
        .filter(point -> "endpoint".equals(point.getLabels().get("component")))
        .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue)
        .sum();
  }

  @Test
  void routesByPathAndHandsTheRouteItsRequest() throws IOException {
    String response =
        exchange(
            "GET /echo?name[]=a&x=1 HTTP/1.1\r\nHost: agent\r\nACCEPT: text/plain\r\n"
                + "Accept: application/json\r\n\r\n");

    assertThat(response)
        .startsWith("HTTP/1.1 200 OK\r\n")
        .contains("Connection: close\r\n")
        .contains("Content-Length: ")
        .endsWith("\r\n\r\nGET /echo query=name[]=a&x=1 accept=[text/plain, application/json]\n");
  }

  @Test
  void takesBareLineFeedsAnAbsoluteTargetAndBlankLinesBeforeTheRequest() throws IOException {
    String response = exchange("\r\n\nGET http://agent:9400/echo HTTP/1.0\nHost: agent\n\n");

    assertThat(response).startsWith("HTTP/1.1 200 OK").endsWith("GET /echo query=null accept=[]\n");
  }

  @Test
  void answersHeadWithTheLengthOfGetAndNoBody() throws IOException {
    String head = exchange("HEAD /echo HTTP/1.1\r\n\r\n");

    assertThat(head).startsWith("HTTP/1.1 200 OK").endsWith("\r\n\r\n");
    String length = "Content-Length: " + "HEAD /echo query=null accept=[]\n".length() + "\r\n";
    assertThat(head).contains(length);
  }

  @Test
  void handsOverTheWholePathNotAPrefixOfIt() throws IOException {
    assertThat(exchange("GET /echo/more HTTP/1.1\r\n\r\n"))
        .startsWith("HTTP/1.1 404 Not Found")
        .endsWith("no such path\n");
  }

  @Test
  void refusesMalformedRequests() throws IOException {
    assertThat(exchange("GET /echo\r\n\r\n")).startsWith("HTTP/1.1 400 Bad Request");
    assertThat(exchange("GET /echo HTTP/1.1\r\nno colon here\r\n\r\n"))
        .startsWith("HTTP/1.1 400 Bad Request");
    assertThat(exchange("GET /echo HTTP/1.1\r\nHost: a\r\n folded: no\r\n\r\n"))
        .startsWith("HTTP/1.1 400 Bad Request");
    assertThat(exchange("GET echo HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400 Bad Request");
    assertThat(exchange("GET /echo HTTP/1.1\r\nHost: a\r\n"))
        .startsWith("HTTP/1.1 400 Bad Request");
    assertThat(exchange("GET /echo HTTP/2.0\r\n\r\n"))
        .startsWith("HTTP/1.1 505 HTTP Version Not Supported");
    assertThat(endpointErrors()).isZero();
  }

  @Test
  void refusesARequestHeadOverTheLimit() throws IOException {
    String huge = "X-Padding: " + "a".repeat(EndpointServer.MAX_HEAD_BYTES) + "\r\n";

    assertThat(exchange("GET /echo HTTP/1.1\r\n" + huge + "\r\n"))
        .startsWith("HTTP/1.1 431 Request Header Fields Too Large");
  }

  @Test
  void aFailingRouteAnswers500AndIsCounted() throws IOException {
    assertThat(exchange("GET /failing HTTP/1.1\r\n\r\n"))
        .startsWith("HTTP/1.1 500 Internal Server Error")
        .contains("qnwis_agent_errors_total");
    assertThat(endpointErrors()).isEqualTo(1);
    assertThat(exchange("GET /echo HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 200 OK");
  }

  @Test
  void aClientThatSendsNothingDoesNotHoldUpTheOthers() throws IOException {
    try (Socket silent = new Socket("127.0.0.1", server.port());
        Socket alsoSilent = new Socket("127.0.0.1", server.port())) {
      assertThat(silent.isConnected() && alsoSilent.isConnected()).isTrue();

      // Each silent one holds a thread until the read timeout; the request gets one of its own.
      assertThat(exchange("GET /echo HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 200 OK");
    }
  }

  @Test
  void answers503BeyondTheConnectionsItServesAtOnce() throws IOException {
    List<Socket> silent = new ArrayList<>();
    try {
      String busy = null;
      // MAX_CONNECTIONS threads reading: the next ones are turned away at once.
      for (int i = 0; i < EndpointServer.MAX_CONNECTIONS + 10 && busy == null; i++) {
        Socket client = new Socket("127.0.0.1", server.port());
        silent.add(client);
        client.setSoTimeout(100);
        InputStream in = client.getInputStream();
        try {
          byte[] answer = in.readNBytes(12);
          busy = new String(answer, StandardCharsets.ISO_8859_1);
        } catch (java.net.SocketTimeoutException waiting) {
          // held, as it should be until the queue is full
        }
      }

      assertThat(busy).isEqualTo("HTTP/1.1 503");
      assertThat(silent).hasSize(EndpointServer.MAX_CONNECTIONS + 1);
    } finally {
      for (Socket client : silent) {
        client.close();
      }
    }
  }

  @Test
  void aClientThatGoesAwayMidRequestIsNotAnError() throws IOException {
    try (Socket client = new Socket("127.0.0.1", server.port())) {
      OutputStream out = client.getOutputStream();
      out.write("GET /echo HTTP/1.1\r\nHost: ".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }

    assertThat(exchange("GET /echo HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 200 OK");
    assertThat(endpointErrors()).isZero();
  }
}
