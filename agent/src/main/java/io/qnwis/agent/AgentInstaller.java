package io.qnwis.agent;

import io.qnwis.agent.instrumentation.InstrumentationModule;
import io.qnwis.agent.instrumentation.TypeInstrumentation;
import io.qnwis.agent.instrumentation.executor.ExecutorMatchers;
import io.qnwis.agent.instrumentation.lettuce.LettuceMatchers;
import io.qnwis.agent.metrics.AgentErrors;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.AgentBuilder.RedefinitionStrategy.DiscoveryStrategy;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;

/**
 * Weaves the enabled modules' advice with one Byte Buddy {@link AgentBuilder}. Classes already
 * loaded (JDK executors at premain, everything at run-time attach) are retransformed, so advice
 * never changes a class's shape: no new fields or methods.
 */
final class AgentInstaller {

  private AgentInstaller() {}

  /** Starts each enabled module, then installs its instrumentations; returns the names. */
  static List<String> install(
      Instrumentation instrumentation,
      AgentContext context,
      List<InstrumentationModule> modules,
      boolean attach) {
    AgentBuilder builder =
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
            .with(new ErrorListener(context.errors()))
            // By name only: anything that needs the class file parsed costs every loaded class.
            // The decorator applies it before Byte Buddy parses the class; the matcher serves the
            // retransformation of loaded classes.
            .with(NameFilteredTransformer.DECORATOR)
            .ignore(
                (type, loader, module, classBeingRedefined, domain) ->
                    ignored(type.getName(), loader));
    List<String> installed = new ArrayList<>();
    for (InstrumentationModule module : modules) {
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
      for (TypeInstrumentation type : module.typeInstrumentations()) {
        builder =
            builder
                // A class whose supertypes cannot be resolved (an optional dependency missing,
                // e.g. Netty's Log4J2Logger without Log4j) is not a target: no match, no error.
                .type(ElementMatchers.failSafe(type.typeMatcher()), type.classLoaderMatcher())
                .transform(type.transformer());
      }
      installed.add(module.name());
    }
    builder.installOn(instrumentation);
    return installed;
  }

  /**
   * At premain the only loaded classes that can be targets are the JDK's executors: drivers, pools
   * and Lettuce load later and are woven as they load. Offering only those to the retransformation
   * pass spares matching the two thousand classes loaded by then. A run-time attach considers every
   * loaded class.
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
