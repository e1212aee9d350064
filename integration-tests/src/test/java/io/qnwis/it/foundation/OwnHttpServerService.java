package io.qnwis.it.foundation;

import com.sun.net.httpserver.HttpServer;
import io.qnwis.it.support.Fixtures;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A service that tunes the JDK's HTTP server in main(), once the test has had the agent serve its
 * endpoint: it allows 4 request headers ({@code sun.net.httpserver.maxReqHeaders}, which the JDK
 * reads once, when its first server starts), starts its own server and sends it a request with 10.
 * Its server honours the setting if it drops that request.
 */
public final class OwnHttpServerService {

  public static void main(String[] args) throws Exception {
    BufferedReader in = Fixtures.readyAndAwaitCue();
    System.setProperty("sun.net.httpserver.maxReqHeaders", "4");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
    String status;
    try (Socket client = new Socket("127.0.0.1", server.getAddress().getPort())) {
      StringBuilder request = new StringBuilder("GET / HTTP/1.1\r\nHost: service\r\n");
      for (int i = 0; i < 9; i++) {
        request.append("X-Header-").append(i).append(": value\r\n");
      }
      OutputStream out = client.getOutputStream();
      out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
      out.flush();
      status =
          new BufferedReader(
                  new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
    }
    server.stop(0);
    System.out.println("max request headers honoured: " + (status == null));
    System.out.flush();
    Fixtures.waitForEndOfInput(in);
  }
}
