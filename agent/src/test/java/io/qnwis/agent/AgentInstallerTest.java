package io.qnwis.agent;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.agent.config.AgentConfig;
import io.qnwis.agent.instrumentation.InstrumentationModule;
import io.qnwis.agent.instrumentation.TypeInstrumentation;
import io.qnwis.agent.metrics.AgentMetrics;
import io.qnwis.fixtures.weaver.Answer;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.junit.jupiter.api.Test;

class AgentInstallerTest {

  private static final ClassLoader APP = AgentInstallerTest.class.getClassLoader();
  private static final String ANSWER = Answer.class.getName().replace('.', '/');

  /** Answer's one instrumentation, counting how often its transformer is built. */
  private static final class CountingInstrumentation implements TypeInstrumentation {
    final AtomicInteger built = new AtomicInteger();

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named(Answer.class.getName());
    }

    @Override
    public AgentBuilder.Transformer transformer() {
      built.incrementAndGet();
      return new AgentBuilder.Transformer.ForAdvice()
          .include(APP)
          .advice(named("value"), WeaverTest.ReturnsFortyTwo.class.getName());
    }
  }

  @Test
  void preparingBuildsNoTransformer() {
    CountingInstrumentation type = new CountingInstrumentation();

    AgentInstaller.prepare(List.of(module(type)), null);

    assertThat(type.built).hasValue(0);
  }

  @Test
  void buildsATransformerAtTheFirstClassItWeavesAndKeepsIt() throws Exception {
    CountingInstrumentation type = new CountingInstrumentation();
    Weaver weaver =
        new Weaver(
            List.of(
                new Weaver.Target(
                    "fortyTwo",
                    type.typeMatcher(),
                    type.requiredTypeNames(),
                    type.classLoaderMatcher(),
                    null,
                    new AgentInstaller.DeferredTransformer(type))),
            new TypePoolCaches(100),
            null,
            new AgentMetrics(10, "test").errors());
    byte[] classFile;
    try (InputStream in = APP.getResourceAsStream(ANSWER + ".class")) {
      classFile = in.readAllBytes();
    }

    Module unnamed = APP.getUnnamedModule();

    byte[] first = weaver.transform(unnamed, APP, ANSWER, null, null, classFile);
    byte[] second = weaver.transform(unnamed, APP, ANSWER, null, null, classFile);

    assertThat(first).isNotNull();
    assertThat(second).isNotNull();
    assertThat(type.built).hasValue(1);
  }

  private static InstrumentationModule module(TypeInstrumentation type) {
    return new InstrumentationModule() {
      @Override
      public String name() {
        return "counting";
      }

      @Override
      public boolean enabled(AgentConfig config) {
        return true;
      }

      @Override
      public List<TypeInstrumentation> typeInstrumentations() {
        return List.of(type);
      }

      @Override
      public void start(AgentContext context) {}
    };
  }
}
