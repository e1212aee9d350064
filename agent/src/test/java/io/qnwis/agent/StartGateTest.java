package io.qnwis.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StartGateTest {

  private static final ClassLoader APP = StartGateTest.class.getClassLoader();
  private static final byte[] WOVEN = {1, 2, 3};

  /** Names no target. */
  static final class Plain {
    String greet(String name) {
      return "hello " + name;
    }
  }

  /** Takes a JDBC type in a signature only. */
  abstract static class TakesConnection {
    abstract void use(Connection connection);
  }

  /** Calls a pool-creating JDK method. */
  static final class MakesPool {
    Object pool() {
      return Executors.newFixedThreadPool(1);
    }
  }

  abstract static class ImplementsDataSource implements DataSource {}

  private final ExecutorService loader = Executors.newSingleThreadExecutor();
  private final AtomicInteger wovenCalls = new AtomicInteger();
  private final ClassFileTransformer weaver =
      new ClassFileTransformer() {
        @Override
        public byte[] transform(
            Module module,
            ClassLoader loader,
            String className,
            Class<?> classBeingRedefined,
            ProtectionDomain domain,
            byte[] classFile) {
          wovenCalls.incrementAndGet();
          return WOVEN;
        }
      };

  @AfterEach
  void stop() {
    loader.shutdownNow();
  }

  @Test
  void recognisesClassFilesThatNameATarget() throws IOException {
    assertThat(StartGate.namesTarget(classFile(Plain.class))).isFalse();
    assertThat(StartGate.namesTarget(classFile(TakesConnection.class))).isTrue();
    assertThat(StartGate.namesTarget(classFile(MakesPool.class))).isTrue();
    assertThat(StartGate.namesTarget(classFile(ImplementsDataSource.class))).isTrue();
  }

  @Test
  void classThatNamesNoTargetLoadsAtOnceUnwoven() throws Exception {
    StartGate gate = new StartGate();

    assertThat(load(gate, Plain.class).get(5, TimeUnit.SECONDS)).isNull();
    assertThat(wovenCalls).hasValue(0);
  }

  @Test
  void classThatNamesATargetWaitsUntilTheGateOpensThenIsWoven() throws Exception {
    StartGate gate = new StartGate();

    CompletableFuture<byte[]> loading = load(gate, TakesConnection.class);
    gate.weaveWith(weaver);
    // Woven but not open: the JDK executors are not retransformed yet, so the class still waits.
    assertThat(loading).isNotDone();
    loaderIsWaiting();
    assertThat(loading).isNotDone();

    gate.open();

    assertThat(loading.get(5, TimeUnit.SECONDS)).isSameAs(WOVEN);
    assertThat(wovenCalls).hasValue(1);
  }

  @Test
  void onceWovenEveryLoadingClassGoesThroughTheWeaver() throws Exception {
    StartGate gate = new StartGate();
    gate.weaveWith(weaver);

    assertThat(load(gate, Plain.class).get(5, TimeUnit.SECONDS)).isSameAs(WOVEN);
    gate.open();
    assertThat(load(gate, TakesConnection.class).get(5, TimeUnit.SECONDS)).isSameAs(WOVEN);
    assertThat(wovenCalls).hasValue(2);
  }

  @Test
  void theStarterThreadNeverWaitsForItself() throws Exception {
    StartGate gate = new StartGate();
    gate.weaveWith(weaver);
    byte[] namesTarget = classFile(MakesPool.class);

    byte[] woven =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5),
            () -> {
              gate.starter(Thread.currentThread());
              return gate.transform(
                  null, APP, serviceName(MakesPool.class), null, null, namesTarget);
            });

    assertThat(woven).isSameAs(WOVEN);
  }

  @Test
  void ignoredPackagesAndTheBootstrapLoaderNeverWait() throws Exception {
    StartGate gate = new StartGate();
    gate.weaveWith(weaver);
    byte[] namesTarget = classFile(TakesConnection.class);

    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          gate.transform(null, APP, "io/qnwis/agent/Anything", null, null, namesTarget);
          gate.transform(
              null, null, "java/util/concurrent/ThreadPoolExecutor", null, null, namesTarget);
        });

    assertThat(wovenCalls).hasValue(2);
  }

  @Test
  void aRetransformationNeverWaitsAndIsWoven() throws Exception {
    StartGate gate = new StartGate();
    gate.weaveWith(weaver);
    byte[] namesTarget = classFile(MakesPool.class);

    byte[] woven =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5),
            () ->
                gate.transform(
                    null, APP, serviceName(MakesPool.class), MakesPool.class, null, namesTarget));

    assertThat(woven).isSameAs(WOVEN);
  }

  @Test
  void anAbandonedStartReleasesWaitingClassesUnwoven() throws Exception {
    StartGate gate = new StartGate();
    gate.weaveWith(weaver);
    CompletableFuture<byte[]> loading = load(gate, MakesPool.class);
    loaderIsWaiting();

    gate.abandon();

    assertThat(loading.get(5, TimeUnit.SECONDS)).isNull();
    assertThat(wovenCalls).hasValue(0);
  }

  /** Offers {@code type}'s class file to the gate as if it were loading on another thread. */
  private CompletableFuture<byte[]> load(StartGate gate, Class<?> type) throws IOException {
    byte[] classFile = classFile(type);
    CountDownLatch offered = new CountDownLatch(1);
    CompletableFuture<byte[]> result =
        CompletableFuture.supplyAsync(
            () -> {
              offered.countDown();
              try {
                return gate.transform(null, APP, serviceName(type), null, null, classFile);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            loader);
    try {
      offered.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return result;
  }

  /** Waits until the loading thread is parked in the gate. */
  private void loaderIsWaiting() throws Exception {
    for (int i = 0; i < 500; i++) {
      if (parkedInGate()) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the loading thread never waited in the gate");
  }

  private static boolean parkedInGate() {
    for (var entry : Thread.getAllStackTraces().entrySet()) {
      for (StackTraceElement frame : entry.getValue()) {
        if (frame.getClassName().equals(StartGate.class.getName())
            && frame.getMethodName().equals("awaitWoven")
            && entry.getKey().getState() != Thread.State.RUNNABLE) {
          return true;
        }
      }
    }
    return false;
  }

  /** The name a service's class would have: this test's own package is the agent's, ignored. */
  private static String serviceName(Class<?> type) {
    return "com/example/" + type.getSimpleName();
  }

  private static String name(Class<?> type) {
    return type.getName().replace('.', '/');
  }

  private static byte[] classFile(Class<?> type) throws IOException {
    try (InputStream in = type.getResourceAsStream("/" + name(type) + ".class")) {
      return in.readAllBytes();
    }
  }
}
