package io.qnwis.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Loopback ports for the services and agents the harness and the tests start. */
public final class Ports {

  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  private Ports() {}

  /**
   * A port free now, and not one handed out before in this JVM: the kernel may give a port just
   * closed to the next bind, and a service's port and its agent's metrics port, asked for in a row,
   * once came out the same (the service then failed to bind it).
   */
  public static synchronized int free() {
    while (true) {
      try (ServerSocket socket = new ServerSocket(0)) {
        if (HANDED_OUT.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
