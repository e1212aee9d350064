package io.qnwis.agent.instrumentation;

import io.qnwis.agent.TypePoolCaches;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.ClassFileLocator;

/** Shared set-up for advice transformers. */
public final class Advices {

  private Advices() {}

  /**
   * Byte Buddy's advice transformer otherwise reads and parses each advice class, and the types it
   * names, afresh for every class it weaves. Cached per loader like the matchers' pools, in a small
   * budget of their own: some 30 advice classes and the few JDK and library types they name.
   */
  private static final TypePoolCaches ADVICE_POOLS = new TypePoolCaches(400);

  private static final ClassFileLocator AGENT_CLASSES =
      new AgentClassFiles(ClassFileLocator.ForClassLoader.of(Advices.class.getClassLoader()));

  /**
   * A transformer that reads advice classes from the agent's own loader (the instrumented class's
   * loader usually cannot see them) and inlines them into the target.
   */
  public static AgentBuilder.Transformer.ForAdvice transformer() {
    return new AgentBuilder.Transformer.ForAdvice()
        .include(AGENT_CLASSES)
        .with(ADVICE_POOLS)
        // The cached descriptions keep the locator they were read with: weak in the target loader.
        .with(AgentBuilder.LocationStrategy.ForClassLoader.WEAK)
        .withExceptionHandler(net.bytebuddy.asm.Advice.ExceptionHandler.Default.SUPPRESSING);
  }

  /**
   * The agent loader's class files, the agent's own (the advice classes, read again for each class
   * woven) kept once read: a fixed set of a few KB each.
   */
  private static final class AgentClassFiles implements ClassFileLocator {
    private static final String OWN = "io.qnwis.agent.";

    private final ClassFileLocator loader;
    private final Map<String, Resolution> own = new ConcurrentHashMap<>();

    AgentClassFiles(ClassFileLocator loader) {
      this.loader = loader;
    }

    @Override
    public Resolution locate(String name) throws IOException {
      if (!name.startsWith(OWN)) {
        return loader.locate(name);
      }
      Resolution known = own.get(name);
      if (known != null) {
        return known;
      }
      Resolution found = loader.locate(name);
      if (found.isResolved()) {
        found = new Resolution.Explicit(found.resolve());
        own.put(name, found);
      }
      return found;
    }

    @Override
    public void close() throws IOException {
      loader.close();
    }
  }
}
