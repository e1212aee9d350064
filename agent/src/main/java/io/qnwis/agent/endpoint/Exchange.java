package io.qnwis.agent.endpoint;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request to the endpoint and its response: the request's method, raw path and query and its
 * headers (names compared case-insensitively); the response's status, headers and body, sent once.
 * The connection closes after the response ({@code Connection: close}), so a body sent without a
 * Content-Length ends where the connection does.
 */
final class Exchange {

  private final String method;
  private final String path;
  private final String query;
  private final Map<String, List<String>> headers;
  private final OutputStream connection;
  private final Map<String, String> responseHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private boolean responded;

  /**
   * @param headers the request's headers by name, in a map ordered by {@link
   *     String#CASE_INSENSITIVE_ORDER} (names are looked up in any case)
   * @param connection where the response goes; the server closes it
   */
  Exchange(
      String method,
      String path,
      String query,
      Map<String, List<String>> headers,
      OutputStream connection) {
    this.method = method;
    this.path = path;
    this.query = query;
    this.headers = headers;
    this.connection = connection;
  }

  /** An exchange for a request the server could not read: only its response is used. */
  static Exchange unread(OutputStream connection) {
    return new Exchange("GET", "", null, Map.of(), connection);
  }

  String method() {
    return method;
  }

  boolean isHead() {
    return "HEAD".equals(method);
  }

  /** The path as sent (not decoded), without the query. */
  String path() {
    return path;
  }

  /** The query as sent (not decoded), or null if there is none. */
  String query() {
    return query;
  }

  /** Every value of the request header {@code name}, in order; empty if it was not sent. */
  List<String> headers(String name) {
    return headers.getOrDefault(name, List.of());
  }

  /** The first value of the request header {@code name}, or null. */
  String header(String name) {
    List<String> values = headers(name);
    return values.isEmpty() ? null : values.get(0);
  }

  /** Sets a response header; before {@link #respond} only. */
  void setHeader(String name, String value) {
    responseHeaders.put(name, value);
  }

  boolean responded() {
    return responded;
  }

  /**
   * Sends the status line and the headers set so far; returns the stream for the body, which
   * discards what a HEAD's would carry. A handler that knows the body's length sets Content-Length
   * (a HEAD's being the length GET would send); without it the body ends with the connection.
   */
  OutputStream respond(int status) throws IOException {
    if (responded) {
      throw new IllegalStateException("response already sent");
    }
    responded = true;
    responseHeaders.put("Connection", "close");
    StringBuilder head =
        new StringBuilder(128)
            .append("HTTP/1.1 ")
            .append(status)
            .append(' ')
            .append(reason(status))
            .append("\r\n");
    responseHeaders.forEach(
        (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("\r\n");
    connection.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (isHead()) {
      connection.flush();
      return OutputStream.nullOutputStream();
    }
    return new Body(connection);
  }

  /** The response body: closing it flushes; the server closes the connection. */
  private static final class Body extends FilterOutputStream {
    Body(OutputStream connection) {
      super(connection);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }

  /** A text response, {@code contentType} in UTF-8 (headers only for HEAD). */
  void send(int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    setHeader("Content-Type", contentType + "; charset=utf-8");
    setHeader("Content-Length", Integer.toString(bytes.length));
    respond(status).write(bytes);
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      case 505 -> "HTTP Version Not Supported";
      default -> String.format(Locale.ROOT, "Status %d", status);
    };
  }
}
