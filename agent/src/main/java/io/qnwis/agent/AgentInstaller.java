package io.qnwis.agent;

import io.qnwis.agent.instrumentation.InstrumentationModule;
import io.qnwis.agent.instrumentation.TypeInstrumentation;
import io.qnwis.agent.metrics.AgentErrors;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.AgentBuilder.RedefinitionStrategy.DiscoveryStrategy;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;

/**
 * Weaves the enabled modules' advice with one Byte Buddy {@link AgentBuilder}. Classes already
 * loaded (JDK executors at premain, everything at run-time attach) are retransformed, so advice
 * never changes a class's shape: no new fields or methods. The one exception, fields added to
 * classes as they load ({@link TypeInstrumentation#addedInterface()}), is applied to a loaded class
 * only if it has them already. At premain, classes that load from now on are woven through the
 * {@link StartGate}, which Byte Buddy's transformer is handed to.
 */
final class AgentInstaller {

  private final AgentBuilder base;
  private final List<InstrumentationModule> modules;
  private final List<List<Target>> targets = new ArrayList<>();

  private AgentInstaller(List<InstrumentationModule> modules, StartGate gate) {
    this.modules = modules;
    boolean attach = gate == null;
    this.base =
        new AgentBuilder.Default(
                new ByteBuddy()
                    .with(TypeValidation.DISABLED)
                    // Advice is woven into declared methods only: resolving every inherited
                    // method's generic signature (RedisCommandBuilder has hundreds) is wasted.
                    .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE))
            .disableClassFormatChanges()
            // A loaded class is described from its class file, not by reflection, which would
            // load every type its methods mention.
            .with(AgentBuilder.DescriptionStrategy.Default.POOL_FIRST)
            .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
            .with(attach ? DiscoveryStrategy.SinglePass.INSTANCE : PREMAIN_DISCOVERY)
            // The cached type descriptions keep the class file locator they were read with: it
            // must hold its loader weakly, or the cache (weak in its loader) would keep every
            // loader alive.
            .with(AgentBuilder.LocationStrategy.ForClassLoader.WEAK)
            .with(new TypePoolCaches())
            // By name only: anything that needs the class file parsed costs every loaded class.
            // The decorator applies it before Byte Buddy parses the class (and hands the gate its
            // transformer); the matcher serves the retransformation of loaded classes.
            .with(NameFilteredTransformer.decorator(gate))
            .ignore(
                (type, loader, module, classBeingRedefined, domain) ->
                    IgnoredTypes.ignored(type.getName(), loader));
    for (InstrumentationModule module : modules) {
      List<Target> moduleTargets = new ArrayList<>();
      for (TypeInstrumentation type : module.typeInstrumentations()) {
        moduleTargets.add(
            new Target(
                // A class whose supertypes cannot be resolved (an optional dependency missing,
                // e.g. Netty's Log4J2Logger without Log4j) is not a target: no match, no error.
                ElementMatchers.failSafe(type.typeMatcher()),
                type.classLoaderMatcher(),
                type.addedInterface(),
                type.transformer()));
      }
      targets.add(moduleTargets);
    }
  }

  /** One type instrumentation's matchers and advice. */
  private record Target(
      ElementMatcher<TypeDescription> type,
      ElementMatcher<ClassLoader> loader,
      Class<?> addedInterface,
      AgentBuilder.Transformer transformer) {}

  /**
   * What needs no config: Byte Buddy's set-up and every module's matchers. Most of it is loading
   * Byte Buddy's classes, which at premain overlaps with reading the config on another thread. With
   * a gate (premain), loading classes are woven by the gate and Byte Buddy's registered transformer
   * only retransforms; without one (run-time attach), Byte Buddy's transformer does both.
   */
  static AgentInstaller prepare(List<InstrumentationModule> modules, StartGate gate) {
    return new AgentInstaller(modules, gate);
  }

  /** Starts each enabled module, then installs its instrumentations; returns the names. */
  List<String> install(Instrumentation instrumentation, AgentContext context) {
    AgentBuilder builder = base.with(new ErrorListener(context.errors()));
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
      for (Target target : targets.get(i)) {
        AgentBuilder.Identified.Narrowable matched = builder.type(target.type(), target.loader());
        if (target.addedInterface() != null) {
          matched = matched.and(loadingOrDeclaring(target.addedInterface()));
        }
        builder = matched.transform(target.transformer());
      }
      installed.add(module.name());
    }
    builder.installOn(instrumentation);
    return installed;
  }

  /**
   * A class that is loading, or a loaded one that declares {@code addedInterface} itself: it gained
   * it (and its fields) as it loaded, and a retransformation must keep them, since it cannot remove
   * members either. A class loaded before the agent is left as it is.
   */
  private static AgentBuilder.RawMatcher loadingOrDeclaring(Class<?> addedInterface) {
    return (type, loader, module, classBeingRedefined, domain) ->
        classBeingRedefined == null
            || Arrays.asList(classBeingRedefined.getInterfaces()).contains(addedInterface);
  }

  /**
   * At premain the only loaded classes that can be targets are the JDK's executors: drivers, pools
   * and Lettuce that load while the agent starts wait for it at the {@link StartGate} and are woven
   * as they load. Offering only the executors to the retransformation pass spares matching the
   * thousands of classes loaded by then. A run-time attach considers every loaded class.
   */
  private static final DiscoveryStrategy PREMAIN_DISCOVERY =
      instrumentation -> {
        List<Class<?>> executors = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
          if (type.getName().startsWith("java.util.concurrent.")) {
            executors.add(type);
          }
        }
        return List.of(executors);
      };

  /** A class that cannot be woven is left as it was; the failure is counted. */
  private static final class ErrorListener extends AgentBuilder.Listener.Adapter {
    private final AgentErrors errors;

    ErrorListener(AgentErrors errors) {
      this.errors = errors;
    }

    @Override
    public void onError(
        String typeName,
        ClassLoader classLoader,
        JavaModule module,
        boolean loaded,
        Throwable throwable) {
      errors.report(
          "instrumentation",
          new IllegalStateException("cannot instrument " + typeName + ": " + throwable, throwable));
    }

    @Override
    public void onTransformation(
        TypeDescription typeDescription,
        ClassLoader classLoader,
        JavaModule module,
        boolean loaded,
        DynamicType dynamicType) {
      if (Boolean.getBoolean("qnwis.agent.debug")) {
        AgentLog.info("instrumented " + typeDescription.getName());
      }
    }
  }
}
