package io.qnwis.agent;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.qnwis.agent.metrics.AgentMetrics;
import io.qnwis.agent.metrics.MetricNames;
import io.qnwis.fixtures.weaver.Answer;
import io.qnwis.fixtures.weaver.Marked;
import io.qnwis.fixtures.weaver.Marker;
import io.qnwis.fixtures.weaver.Other;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeaverTest {

  private static final ClassLoader APP = WeaverTest.class.getClassLoader();
  // What the JVM passes for a class path class.
  private static final Module UNNAMED = APP.getUnnamedModule();

  public static final class ReturnsFortyTwo {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Return(readOnly = false) int value) {
      value = 42;
    }
  }

  private final AgentMetrics metrics = new AgentMetrics(10, "test");

  @TempDir Path cacheRoot;

  private Weaver weaver(AgentBuilder.Transformer transformer) {
    return weaver(transformer, null);
  }

  private Weaver weaver(AgentBuilder.Transformer transformer, WovenClassCache cache) {
    return new Weaver(
        List.of(
            new Weaver.Target(
                "fortyTwo", named(Answer.class.getName()), null, any(), null, transformer)),
        new TypePoolCaches(100),
        cache,
        metrics.errors());
  }

  private static AgentBuilder.Transformer returnsFortyTwo() {
    return new AgentBuilder.Transformer.ForAdvice()
        .include(APP)
        .advice(named("value"), ReturnsFortyTwo.class.getName());
  }

  @Test
  void weavesTheAdviceIntoAMatchedClass() throws Exception {
    byte[] woven = transform(weaver(returnsFortyTwo()), Answer.class);

    Class<?> type = new SingleClassLoader(Answer.class.getName(), woven).loadClass(Answer.class);
    Object answer = type.getConstructor().newInstance();
    assertThat(type.getMethod("value").invoke(answer)).isEqualTo(42);
    assertThat(errors()).isZero();
  }

  @Test
  void keepsWhatItWeavesInTheCacheAndTakesItFromThereNextTime() throws Exception {
    WovenClassCache cache = WovenClassCache.open(cacheRoot, "build-test");
    byte[] woven = transform(weaver(returnsFortyTwo(), cache), Answer.class);

    assertThat(cache.find(Answer.class.getName(), bytes(Answer.class), "fortyTwo"))
        .isEqualTo(woven);
    // What a later run weaves comes from the cache, not from Byte Buddy: an entry planted for
    // this class is what the weaver returns.
    byte[] planted = {1, 2, 3};
    cache.store(Answer.class.getName(), bytes(Answer.class), "fortyTwo", planted);
    assertThat(transform(weaver(returnsFortyTwo(), cache), Answer.class)).isEqualTo(planted);
  }

  @Test
  void weavesARetransformedClassAfreshWhateverTheCacheHolds() throws Exception {
    WovenClassCache cache = WovenClassCache.open(cacheRoot, "build-test");
    cache.store(Answer.class.getName(), bytes(Answer.class), "fortyTwo", new byte[] {1, 2, 3});

    byte[] woven =
        weaver(returnsFortyTwo(), cache)
            .transform(
                UNNAMED, APP, internalName(Answer.class), Answer.class, null, bytes(Answer.class));

    Class<?> type = new SingleClassLoader(Answer.class.getName(), woven).loadClass(Answer.class);
    assertThat(type.getMethod("value").invoke(type.getConstructor().newInstance())).isEqualTo(42);
  }

  @Test
  void leavesUnmatchedAndIgnoredClassesAlone() throws Exception {
    Weaver weaver = weaver(returnsFortyTwo());

    assertThat(transform(weaver, Other.class)).isNull();
    assertThat(
            weaver.transform(
                UNNAMED, APP, "io/qnwis/agent/Weaver", null, null, bytes(Weaver.class)))
        .isNull();
  }

  @Test
  void describesOnlyClassesThatReachATypeEveryTargetRequires() throws Exception {
    List<String> described = new ArrayList<>();
    Weaver.Target markers =
        new Weaver.Target(
            "markers",
            type -> described.add(type.getName()) && false,
            Set.of(Marker.class.getName()),
            any(),
            null,
            returnsFortyTwo());
    Weaver weaver = new Weaver(List.of(markers), new TypePoolCaches(100), null, metrics.errors());

    assertThat(transform(weaver, Other.class)).isNull();
    assertThat(transform(weaver, Marked.class)).isNull();
    assertThat(described).containsExactly(Marked.class.getName());
  }

  @Test
  void countsAClassItCannotWeaveAndLeavesItAsItWas() throws Exception {
    AgentBuilder.Transformer failing =
        (builder, type, loader, module, domain) -> {
          throw new IllegalStateException("boom");
        };

    assertThat(transform(weaver(failing), Answer.class)).isNull();
    assertThat(errors()).isEqualTo(1);
  }

  @Test
  void warmsUpByDescribingTheSampleFromItsClassFileAndRunningTheMatchersThatTakeItsLoader() {
    TypePoolCaches pools = new TypePoolCaches(100);
    List<String> described = new ArrayList<>();
    Weaver.Target taken =
        new Weaver.Target(
            "taken",
            type -> {
              described.add(type.getName());
              return false;
            },
            null,
            any(),
            null,
            returnsFortyTwo());
    Weaver.Target otherLoader =
        new Weaver.Target(
            "otherLoader",
            type -> {
              described.add("otherLoader saw " + type.getName());
              return false;
            },
            null,
            loader -> loader != APP,
            null,
            returnsFortyTwo());

    Weaver.warmUp(List.of(taken, otherLoader), pools, Answer.class);

    assertThat(described).containsExactly(Answer.class.getName());
    // Parsed by the pool the weaver uses for that loader, so later matches find it there.
    assertThat(pools.locate(APP).find(Answer.class.getName())).isNotNull();
  }

  private static byte[] transform(Weaver weaver, Class<?> type) throws Exception {
    return weaver.transform(UNNAMED, APP, internalName(type), null, null, bytes(type));
  }

  private double errors() {
    for (MetricSnapshot snapshot : metrics.registry().scrape()) {
      if (snapshot.getMetadata().getName().equals(MetricNames.AGENT_ERRORS)) {
        for (CounterSnapshot.CounterDataPointSnapshot point :
            ((CounterSnapshot) snapshot).getDataPoints()) {
          if ("instrumentation".equals(point.getLabels().get("component"))) {
            return point.getValue();
          }
        }
      }
    }
    return 0;
  }

  private static String internalName(Class<?> type) {
    return type.getName().replace('.', '/');
  }

  private static byte[] bytes(Class<?> type) throws IOException {
    try (InputStream in = APP.getResourceAsStream(internalName(type) + ".class")) {
      return in.readAllBytes();
    }
  }

  /** Defines one class from given bytes; everything else comes from the test's loader. */
  private static final class SingleClassLoader extends ClassLoader {
    private final String name;
    private final byte[] classFile;

    SingleClassLoader(String name, byte[] classFile) {
      super(APP);
      this.name = name;
      this.classFile = classFile;
    }

    Class<?> loadClass(Class<?> original) throws ClassNotFoundException {
      return loadClass(original.getName(), false);
    }

    @Override
    protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
      if (className.equals(name)) {
        return defineClass(name, classFile, 0, classFile.length);
      }
      return super.loadClass(className, resolve);
    }
  }
}
