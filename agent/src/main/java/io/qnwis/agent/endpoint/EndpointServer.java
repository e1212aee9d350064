package io.qnwis.agent.endpoint;

import io.qnwis.agent.AgentThreads;
import io.qnwis.agent.metrics.AgentErrors;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The endpoint's HTTP/1.1 server: blocking sockets, one request per connection (answered with
 * {@code Connection: close}), a thread per connection being served, made as needed and gone after
 * {@value #IDLE_SECONDS} s without work.
 *
 * <p>Not the JDK's {@code com.sun.net.httpserver}, because starting one changes the service's JVM:
 * the first server fixes the {@code sun.net.httpserver.*} properties for every server the JVM will
 * have (read once), and its selector fixes the JVM's default {@code SelectorProvider}; a service
 * that sets either in {@code main} for its own server (the agent's endpoint being up by then) would
 * find its settings ignored. It also needs the {@code jdk.httpserver} module, which a jlinked
 * runtime may leave out. Blocking sockets use neither.
 *
 * <p>Bounded: a request head over {@value #MAX_HEAD_BYTES} bytes answers 431, one not complete
 * within {@value #READ_TIMEOUT_MILLIS} ms is dropped, and beyond {@value #MAX_CONNECTIONS}
 * connections served at once new ones answer 503 (so a few clients that connect and send nothing
 * hold a thread each for at most the timeout, and scrapes go on). No route takes a request body, so
 * none is read.
 */
final class EndpointServer {

  /** Answers one exchange. */
  interface Handler {
    void handle(Exchange exchange) throws IOException;
  }

  static final int MAX_HEAD_BYTES = 16 * 1024;
  static final int READ_TIMEOUT_MILLIS = 10_000;
  static final int MAX_CONNECTIONS = 16;
  private static final int IDLE_SECONDS = 30;
  private static final int BACKLOG = 50;

  private final ServerSocket socket;
  private final Handler handler;
  private final AgentErrors errors;
  private final ThreadPoolExecutor workers =
      new ThreadPoolExecutor(
          0,
          MAX_CONNECTIONS,
          IDLE_SECONDS,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          AgentThreads.factory("http"));

  private EndpointServer(ServerSocket socket, Handler handler, AgentErrors errors) {
    this.socket = socket;
    this.handler = handler;
    this.errors = errors;
  }

  /**
   * Binds {@code address} and hands every request to {@code handler} until the JVM exits. A
   * handler's failure is counted in {@code errors} and answered 500.
   *
   * @throws IOException if the address cannot be bound (port in use, unknown host)
   */
  static EndpointServer start(InetSocketAddress address, Handler handler, AgentErrors errors)
      throws IOException {
    ServerSocket socket = new ServerSocket();
    try {
      socket.bind(address, BACKLOG);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    EndpointServer server = new EndpointServer(socket, handler, errors);
    AgentThreads.daemon(AgentThreads.PREFIX + "http-accept", server::accept).start();
    return server;
  }

  int port() {
    return socket.getLocalPort();
  }

  private void accept() {
    while (!socket.isClosed()) {
      Socket client;
      try {
        client = socket.accept();
      } catch (IOException acceptFailed) {
        pause(); // out of file descriptors, say: retry, without spinning
        continue;
      }
      try {
        workers.execute(() -> serve(client));
      } catch (RejectedExecutionException busy) {
        tooBusy(client);
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      client.setSoTimeout(READ_TIMEOUT_MILLIS);
      client.setTcpNoDelay(true);
      OutputStream out = new BufferedOutputStream(client.getOutputStream(), 8192);
      Exchange exchange;
      try {
        exchange = read(new BufferedInputStream(client.getInputStream(), 2048), out);
      } catch (BadRequest bad) {
        Exchange.unread(out).send(bad.status, "text/plain", bad.getMessage());
        out.flush();
        return;
      }
      if (exchange != null) {
        handle(exchange);
        out.flush();
      }
    } catch (SocketTimeoutException | SocketException clientGone) {
      // A client that stalls or goes away: nothing of the agent's failed.
    } catch (IOException | RuntimeException e) {
      errors.report("endpoint", e);
    }
  }

  private void handle(Exchange exchange) throws IOException {
    try {
      handler.handle(exchange);
    } catch (RuntimeException e) {
      errors.report("endpoint", e);
      if (!exchange.responded()) {
        exchange.send(
            500, "text/plain", "the agent failed to answer; see qnwis_agent_errors_total\n");
      }
    }
  }

  /**
   * Reads a request head: the request line and headers, up to the blank line. Null if the client
   * closed the connection before sending anything.
   */
  private static Exchange read(InputStream in, OutputStream out) throws IOException, BadRequest {
    List<String> lines = headLines(in);
    if (lines == null) {
      return null;
    }
    String[] request = lines.get(0).split(" ", -1);
    if (request.length != 3 || request[0].isEmpty() || request[1].isEmpty()) {
      throw new BadRequest(400, "malformed request line\n");
    }
    if (!request[2].startsWith("HTTP/1.")) {
      throw new BadRequest(505, "HTTP/1.x only\n");
    }
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String line : lines.subList(1, lines.size())) {
      int colon = line.indexOf(':');
      if (colon <= 0 || Character.isWhitespace(line.charAt(0))) {
        throw new BadRequest(400, "malformed header line\n");
      }
      headers
          .computeIfAbsent(line.substring(0, colon), name -> new ArrayList<>())
          .add(line.substring(colon + 1).strip());
    }
    String target = originForm(request[1]);
    int question = target.indexOf('?');
    String path = question < 0 ? target : target.substring(0, question);
    String query = question < 0 ? null : target.substring(question + 1);
    return new Exchange(request[0], path, query, headers, out);
  }

  /** The path and query of a request target, also when sent as an absolute URL (proxies do). */
  private static String originForm(String target) throws BadRequest {
    if (target.startsWith("/")) {
      return target;
    }
    int scheme = target.indexOf("://");
    if (scheme > 0) {
      int slash = target.indexOf('/', scheme + 3);
      return slash < 0 ? "/" : target.substring(slash);
    }
    throw new BadRequest(400, "malformed request target\n");
  }

  /** The head's lines without their line ends (CRLF or LF); null if the stream ended at once. */
  private static List<String> headLines(InputStream in) throws IOException, BadRequest {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    int total = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (lines.isEmpty() && line.size() == 0) {
          return null;
        }
        throw new BadRequest(400, "incomplete request head\n");
      }
      if (++total > MAX_HEAD_BYTES) {
        throw new BadRequest(431, "request head over " + MAX_HEAD_BYTES + " bytes\n");
      }
      if (b != '\n') {
        line.write(b);
        continue;
      }
      byte[] bytes = line.toByteArray();
      int length = bytes.length;
      if (length > 0 && bytes[length - 1] == '\r') {
        length--;
      }
      line.reset();
      if (length == 0) {
        if (lines.isEmpty()) {
          continue; // blank lines before a request line are allowed (RFC 9112, 2.2)
        }
        return lines;
      }
      lines.add(new String(bytes, 0, length, StandardCharsets.ISO_8859_1));
    }
  }

  private void tooBusy(Socket client) {
    try (client) {
      OutputStream out = client.getOutputStream();
      Exchange.unread(out).send(503, "text/plain", "the agent's endpoint is busy\n");
      out.flush();
    } catch (IOException clientGone) {
      // Nothing to tell a client that is gone.
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A request the server answers itself, with {@code status} and the message as body. */
  private static final class BadRequest extends Exception {
    final int status;

    BadRequest(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }
}
