package io.qnwis.agent;

import io.qnwis.agent.instrumentation.InstrumentationModule;
import io.qnwis.agent.instrumentation.TypeInstrumentation;
import io.qnwis.agent.instrumentation.executor.ExecutorMatchers;
import io.qnwis.agent.launch.AgentLauncher;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;

/**
 * Weaves the enabled modules' advice with one {@link Weaver}. Classes already loaded (JDK executors
 * at premain, everything at run-time attach) are retransformed, so advice never changes a class's
 * shape: no new fields or methods. The one exception, fields added to classes as they load ({@link
 * TypeInstrumentation#addedInterface()}), is applied to a loaded class only if it has them already.
 * At premain, classes that load from now on are woven through the {@link StartGate}, which the
 * weaver is handed to.
 */
final class AgentInstaller {

  private final StartGate gate;
  private final List<InstrumentationModule> modules;
  private final List<List<Weaver.Target>> targets = new ArrayList<>();
  private final TypePoolCaches pools = new TypePoolCaches();

  private AgentInstaller(List<InstrumentationModule> modules, StartGate gate) {
    this.modules = modules;
    this.gate = gate;
    for (InstrumentationModule module : modules) {
      List<Weaver.Target> moduleTargets = new ArrayList<>();
      for (TypeInstrumentation type : module.typeInstrumentations()) {
        moduleTargets.add(
            new Weaver.Target(
                type.getClass().getName(),
                // A class whose supertypes cannot be resolved (an optional dependency missing,
                // e.g. Netty's Log4J2Logger without Log4j) is not a target: no match, no error.
                ElementMatchers.failSafe(type.typeMatcher()),
                type.requiredTypeNames(),
                type.classLoaderMatcher(),
                type.addedInterface(),
                new DeferredTransformer(type)));
      }
      targets.add(moduleTargets);
    }
  }

  /**
   * What needs no config: every module's matchers. At premain it overlaps with reading the config
   * on another thread. {@code gate} is null on run-time attach.
   */
  static AgentInstaller prepare(List<InstrumentationModule> modules, StartGate gate) {
    return new AgentInstaller(modules, gate);
  }

  /**
   * Runs every module's matchers once on a class of the system loader (the launcher's; the
   * service's classes load there too), so that setting up matching is off the service's thread (see
   * {@link Weaver#warmUp}). A failure only leaves that work to the first class matched.
   */
  void warmUp() {
    List<Weaver.Target> all = new ArrayList<>();
    for (List<Weaver.Target> moduleTargets : targets) {
      all.addAll(moduleTargets);
    }
    try {
      Weaver.warmUp(all, pools, AgentLauncher.class);
      Timings.mark("matching warmed up");
    } catch (Throwable error) {
      if (AgentLog.DEBUG) {
        AgentLog.info("matching not warmed up: " + error);
      }
    }
  }

  /**
   * Starts each enabled module, then weaves its instrumentations, taking woven classes from {@code
   * cache} (null: none); returns the names.
   */
  List<String> install(
      Instrumentation instrumentation, AgentContext context, WovenClassCache cache) {
    List<Weaver.Target> enabled = new ArrayList<>();
    List<String> installed = new ArrayList<>();
    for (int i = 0; i < modules.size(); i++) {
      InstrumentationModule module = modules.get(i);
      if (!module.enabled(context.config().current())) {
        AgentLog.info("instrumentation '" + module.name() + "' disabled by config");
        continue;
      }
      try {
        module.start(context);
      } catch (Throwable error) {
        context.errors().report(module.name(), error);
        continue;
      }
      enabled.addAll(targets.get(i));
      installed.add(module.name());
    }
    Timings.mark("modules started");
    Weaver weaver = new Weaver(enabled, pools, cache, context.errors());
    // In place before the loaded classes are listed, so none loads unseen in between. At premain
    // the gate, registered with retransformation, is the weaver's only way in: one transformer
    // sees each class once, whether it loads or is retransformed, so nothing is woven twice.
    if (gate == null) {
      instrumentation.addTransformer(weaver, true);
      weaver.retransform(instrumentation, instrumentation.getAllLoadedClasses());
    } else {
      gate.weaveWith(weaver);
      Class<?>[] executors = loadedExecutors(instrumentation);
      Timings.mark("executors listed");
      weaver.retransform(instrumentation, executors);
      Timings.mark("executors retransformed");
    }
    return installed;
  }

  /**
   * At premain the only loaded classes that can be targets are the JDK's executors, and only if
   * something other than the agent loaded them already (a service whose first line makes a pool
   * waits at the gate and loads them after the weaver is in place: none): drivers, pools and
   * Lettuce that load while the agent starts wait for it at the {@link StartGate} and are woven as
   * they load. Offering only the executors the instrumentations name to the retransformation spares
   * describing (parsing the class file of) the thousands of classes loaded by then. A run-time
   * attach considers every loaded class.
   */
  private static Class<?>[] loadedExecutors(Instrumentation instrumentation) {
    List<Class<?>> executors = new ArrayList<>();
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      if (type.getClassLoader() == null && ExecutorMatchers.isTarget(type.getName())) {
        executors.add(type);
      }
    }
    return executors.toArray(new Class<?>[0]);
  }

  /**
   * A type instrumentation's transformer, built at the first class it weaves. Building the first
   * one sets up Byte Buddy's advice, some 450 classes loaded and initialised; with the class cache
   * warm, a restarted service may weave no class at all.
   */
  static final class DeferredTransformer implements AgentBuilder.Transformer {
    private final TypeInstrumentation type;
    private volatile AgentBuilder.Transformer built;

    DeferredTransformer(TypeInstrumentation type) {
      this.type = type;
    }

    @Override
    public DynamicType.Builder<?> transform(
        DynamicType.Builder<?> builder,
        TypeDescription description,
        ClassLoader loader,
        JavaModule module,
        ProtectionDomain domain) {
      AgentBuilder.Transformer transformer = built;
      if (transformer == null) {
        // Two threads may both build it: transformers hold no state, either will do.
        transformer = type.transformer();
        built = transformer;
      }
      return transformer.transform(builder, description, loader, module, domain);
    }
  }
}
