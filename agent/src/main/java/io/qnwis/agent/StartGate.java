package io.qnwis.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The agent's one class file transformer, registered at premain before the instrumentation exists.
 *
 * <p>Premain hands the costly part of starting (config, Byte Buddy, weaving the JDK's executors) to
 * an agent thread so that {@code main} starts at once. Until that thread {@linkplain #open opens}
 * the gate, a class that may use what the agent instruments or polices (it names JDBC, a connection
 * pool, Lettuce or an executor in its class file) waits here, then is woven as it would have been:
 * no statement, command or task of such a class escapes observation or policy. Classes that name
 * none of these load at once. Once open, the gate is a plain pass-through to the weaver, for
 * classes as they load and for retransformations alike.
 */
final class StartGate implements ClassFileTransformer {

  /**
   * How long a class waits for the instrumentation. Starting takes about a second; this bound only
   * matters if the agent thread is stuck, and then the service goes on without the agent.
   */
  private static final long WAIT_SECONDS = 30;

  /**
   * What a class file names when it may implement or call a target. A type a class implements,
   * extends, creates or calls appears as a constant-pool string; one a method takes or returns
   * appears inside a descriptor. Either way its internal name is in the file.
   */
  private static final String[] TARGET_MENTIONS = {
    "java/sql/",
    "javax/sql/",
    "io/lettuce/",
    "com/zaxxer/hikari/",
    "java/util/concurrent/Executor",
    "java/util/concurrent/ThreadPoolExecutor",
    "java/util/concurrent/ScheduledExecutorService",
    "java/util/concurrent/ScheduledThreadPoolExecutor",
    "java/util/concurrent/ForkJoinPool",
    "java/util/concurrent/CompletableFuture",
    "java/util/concurrent/AbstractExecutorService"
  };

  private final CountDownLatch opened = new CountDownLatch(1);
  private volatile ClassFileTransformer woven;
  private volatile Thread starter;
  private volatile boolean timedOut;

  /** The thread that builds the instrumentation: it never waits for itself. */
  void starter(Thread thread) {
    this.starter = thread;
  }

  /**
   * From now on every loading or retransformed class is woven by {@code transformer}. Classes that
   * wait still wait: the JDK's executors they may use are not retransformed yet.
   */
  void weaveWith(ClassFileTransformer transformer) {
    woven = transformer;
  }

  /** The instrumentation is complete: waiting classes are woven and go on. */
  void open() {
    opened.countDown();
  }

  /**
   * The agent could not start: waiting classes go on as they are. Once open, the instrumentation is
   * in place and stays.
   */
  void abandon() {
    if (opened.getCount() != 0) {
      woven = null;
      opened.countDown();
    }
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain domain,
      byte[] classFile)
      throws IllegalClassFormatException {
    ClassFileTransformer transformer =
        opened.getCount() == 0
                || timedOut
                || classBeingRedefined != null
                || !mustWait(loader, className, classFile)
            ? woven
            : awaitWoven(className);
    return transformer == null
        ? null
        : transformer.transform(module, loader, className, classBeingRedefined, domain, classFile);
  }

  /**
   * Only classes of application loaders wait as they load: a JDK executor loaded before the weaver
   * is in place is retransformed before the gate opens, one that loads later is woven as it loads.
   * The agent loads none itself before then: its endpoint and config watcher start once the gate is
   * open, its Redis thread with the first Redis command.
   */
  private boolean mustWait(ClassLoader loader, String className, byte[] classFile) {
    if (loader == null
        || className == null
        || Thread.currentThread() == starter
        || IgnoredTypes.ignored(className.replace('/', '.'), loader)) {
      return false;
    }
    return namesTarget(classFile);
  }

  static boolean namesTarget(byte[] classFile) {
    // Latin-1 maps each byte to one char, so the search is the JDK's own String.indexOf.
    String text = new String(classFile, StandardCharsets.ISO_8859_1);
    for (String mention : TARGET_MENTIONS) {
      if (text.contains(mention)) {
        return true;
      }
    }
    return false;
  }

  private ClassFileTransformer awaitWoven(String className) {
    try {
      if (!opened.await(WAIT_SECONDS, TimeUnit.SECONDS) && !timedOut) {
        timedOut = true;
        AgentLog.warn(
            "instrumentation not ready after "
                + WAIT_SECONDS
                + " s; "
                + className.replace('/', '.')
                + " and later classes load without it");
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    return woven;
  }
}
