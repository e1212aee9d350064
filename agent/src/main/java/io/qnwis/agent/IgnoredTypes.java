package io.qnwis.agent;

import io.qnwis.agent.instrumentation.executor.ExecutorMatchers;
import io.qnwis.agent.instrumentation.lettuce.LettuceMatchers;

/**
 * Classes the agent never looks at, decided by name alone: anything that needs the class file
 * parsed would cost every loaded class.
 */
final class IgnoredTypes {

  private IgnoredTypes() {}

  /**
   * Byte Buddy's default ignores every bootstrap class; executors live there, so only the rest of
   * the bootstrap loader is skipped (the executors are matched by exact name). Elsewhere, packages
   * that hold no target are skipped by name before any matcher parses their class files: the JDK's
   * (no driver or pool lives there), the agent itself, and large libraries a service loads
   * thousands of classes from at start-up. Of H2, only the JDBC API classes are targets; of
   * Lettuce, the few classes its instrumentations name.
   */
  static boolean ignored(String name, ClassLoader loader) {
    if (loader == null) {
      // Of the bootstrap loader's classes, only the executors named by their instrumentations.
      return !ExecutorMatchers.isTarget(name);
    }
    if (name.startsWith("org.h2.")) {
      // org.h2.jdbc (connections, statements) and org.h2.jdbcx (the data source)
      return !name.startsWith("org.h2.jdbc");
    }
    if (name.startsWith("io.lettuce.")) {
      // Lettuce is no JDBC driver: only its exact targets are matched at all.
      return !LettuceMatchers.isTarget(name);
    }
    for (String prefix : IGNORED_PACKAGES) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static final String[] IGNORED_PACKAGES = {
    "java.",
    "javax.",
    "jdk.",
    "sun.",
    "com.sun.",
    "io.qnwis.agent.",
    "net.bytebuddy.",
    "io.netty.",
    "reactor.",
    "kotlin.",
    "scala.",
    "org.slf4j.",
    "ch.qos.logback.",
    "org.apache.logging.",
    "com.fasterxml.jackson."
  };
}
