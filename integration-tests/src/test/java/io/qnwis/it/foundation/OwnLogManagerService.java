package io.qnwis.it.foundation;

import io.qnwis.it.support.Fixtures;
import java.io.BufferedReader;
import java.util.logging.LogManager;

/**
 * A service that chooses its java.util.logging manager in main(), as services on JBoss LogManager
 * or Log4j's JUL bridge do, once the test has had the agent serve its endpoint: the JVM takes the
 * property only if nothing has set up logging before.
 */
public final class OwnLogManagerService {

  /** The service's own manager. */
  public static final class ServiceLogManager extends LogManager {}

  public static void main(String[] args) throws Exception {
    BufferedReader in = Fixtures.readyAndAwaitCue();
    System.setProperty("java.util.logging.manager", ServiceLogManager.class.getName());
    System.out.println("log manager: " + LogManager.getLogManager().getClass().getName());
    System.out.flush();
    Fixtures.waitForEndOfInput(in);
  }
}
