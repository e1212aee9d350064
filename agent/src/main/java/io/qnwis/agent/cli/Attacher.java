package io.qnwis.agent.cli;

import java.io.File;
import net.bytebuddy.agent.ByteBuddyAgent;

/** Loads an agent jar into another JVM; an interface so the command line can be tested. */
@FunctionalInterface
interface Attacher {

  /**
   * @throws Exception whatever the attach mechanism throws when the target refuses
   */
  void attach(File agentJar, String pid, String options) throws Exception;

  /** Byte Buddy's attach: the JDK's attach API, or its emulation where the JDK has none. */
  static Attacher byteBuddy() {
    return ByteBuddyAgent::attach;
  }
}
