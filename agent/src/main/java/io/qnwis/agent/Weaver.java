package io.qnwis.agent;

import io.qnwis.agent.metrics.AgentErrors;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.TypeResolutionStrategy;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.dynamic.scaffold.inline.MethodNameTransformer;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;

/**
 * Weaves the enabled instrumentations' advice into the classes they match, with Byte Buddy's parts
 * as its {@code AgentBuilder} would use them here (types redefined frozen, so no class-shape
 * changes; classes described from their class files first; a circularity lock), but not the builder
 * itself: its transformer class is generated with Byte Buddy on first use (some 250 ms and 450
 * classes at start-up) and its defaults set up class injection this agent never uses.
 *
 * <p>Classes {@link IgnoredTypes} names are skipped before anything is parsed, and so are those
 * whose class file headers show they reach no type an instrumentation requires ({@link
 * SuperTypeScreen}). A class that cannot be woven is left as it was; the failure is counted.
 */
final class Weaver implements ClassFileTransformer {

  /**
   * One type instrumentation's matchers and advice; {@code id} names it in the {@link
   * WovenClassCache}; {@code requiredNames}: of which a type or a supertype must bear one for
   * {@code type} to match it, or null if not known ({@link SuperTypeScreen}); {@code
   * addedInterface}: the interface (with fields) its transformer adds, or null.
   */
  record Target(
      String id,
      ElementMatcher<TypeDescription> type,
      Set<String> requiredNames,
      ElementMatcher<ClassLoader> loader,
      Class<?> addedInterface,
      AgentBuilder.Transformer transformer) {

    /**
     * Whether this target may weave the class: any class as it loads ({@code redefined} null), but
     * a loaded one only if it declares the added interface itself: it gained it (and its fields) as
     * it loaded, and a retransformation must keep them, since it cannot remove members either. A
     * class loaded before the agent is left as it is.
     */
    boolean mayWeave(Class<?> redefined) {
      return addedInterface == null
          || redefined == null
          || Arrays.asList(redefined.getInterfaces()).contains(addedInterface);
    }
  }

  /**
   * What describing and locating class files are given for the module: neither strategy reads it.
   * Only the transformers do (a class in a named module gains no field), so a class taken from the
   * cache, or only matched, never sets up Byte Buddy's module support (its dispatchers are proxy
   * classes generated at first use).
   */
  private static final JavaModule NO_MODULE = null;

  private static final AgentBuilder.DescriptionStrategy DESCRIPTION =
      AgentBuilder.DescriptionStrategy.Default.POOL_FIRST;

  // The cached type descriptions keep the class file locator they were read with: it must hold
  // its loader weakly, or the cache (weak in its loader) would keep every loader alive.
  private static final AgentBuilder.LocationStrategy LOCATION =
      AgentBuilder.LocationStrategy.ForClassLoader.WEAK;

  private final List<Target> targets;
  private final SuperTypeScreen screen;
  private final TypePoolCaches pools;
  private final WovenClassCache cache;
  private final AgentErrors errors;
  private final AgentBuilder.CircularityLock lock = new AgentBuilder.CircularityLock.Default();
  // What AgentBuilder passes with native methods left alone; a redefinition renames nothing.
  private final MethodNameTransformer methodNames =
      MethodNameTransformer.Suffixing.withRandomSuffix();

  /** {@code cache}: woven classes of earlier runs, or null to weave every class. */
  Weaver(List<Target> targets, TypePoolCaches pools, WovenClassCache cache, AgentErrors errors) {
    this.targets = targets;
    this.screen = new SuperTypeScreen(requiredNames(targets));
    this.pools = pools;
    this.cache = cache;
    this.errors = errors;
  }

  /** The JVM (9 and later) calls only this variant. */
  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String internalName,
      Class<?> classBeingRedefined,
      ProtectionDomain domain,
      byte[] classFile) {
    if (internalName == null) {
      return null;
    }
    String name = internalName.replace('/', '.');
    // The lock keeps the classes weaving loads on this thread from being woven meanwhile.
    if (IgnoredTypes.ignored(name, loader) || !lock.acquire()) {
      return null;
    }
    try {
      return weave(name, module, loader, classBeingRedefined, domain, classFile);
    } catch (Throwable error) {
      failed(name, error);
      return null;
    } finally {
      lock.release();
    }
  }

  private static URL codeSource(ProtectionDomain domain) {
    CodeSource source = domain == null ? null : domain.getCodeSource();
    return source == null ? null : source.getLocation();
  }

  /** What any of {@code targets} requires, or null if one of them cannot say. */
  private static Set<String> requiredNames(List<Target> targets) {
    Set<String> all = new HashSet<>();
    for (Target target : targets) {
      if (target.requiredNames() == null) {
        return null;
      }
      all.addAll(target.requiredNames());
    }
    return all;
  }

  private byte[] weave(
      String name,
      Module module,
      ClassLoader loader,
      Class<?> classBeingRedefined,
      ProtectionDomain domain,
      byte[] classFile) {
    if (!screen.mayMatch(name, loader, codeSource(domain), classFile)) {
      return null;
    }
    ClassFileLocator locator =
        new ClassFileLocator.Compound(
            ClassFileLocator.Simple.of(name, classFile),
            LOCATION.classFileLocator(loader, NO_MODULE));
    TypePool pool = pools.typePool(locator, loader, name);
    TypeDescription type =
        DESCRIPTION.apply(name, classBeingRedefined, pool, lock, loader, NO_MODULE);
    List<Target> matched = matching(type, loader, classBeingRedefined);
    if (matched.isEmpty()) {
      return null;
    }
    // Only a class as it loads: a retransformation must keep the shape the class loaded with,
    // which the cache does not know.
    String ids = cache == null || classBeingRedefined != null ? null : ids(matched);
    byte[] woven = ids == null ? null : cache.find(name, classFile, ids);
    boolean cached = woven != null;
    if (!cached) {
      JavaModule javaModule = JavaModule.of(module);
      DynamicType.Builder<?> builder =
          AgentBuilder.TypeStrategy.Default.REDEFINE_FROZEN.builder(
              type, Writing.BYTE_BUDDY, locator, methodNames, loader, javaModule, domain);
      for (Target target : matched) {
        builder = target.transformer().transform(builder, type, loader, javaModule, domain);
      }
      woven = builder.make(TypeResolutionStrategy.Disabled.INSTANCE, pool).getBytes();
      if (ids != null) {
        cache.store(name, classFile, ids, woven);
      }
    }
    if (AgentLog.DEBUG) {
      AgentLog.info("instrumented " + name + (cached ? " (from the class cache)" : ""));
    }
    return woven;
  }

  private static String ids(List<Target> matched) {
    StringBuilder ids = new StringBuilder();
    for (Target target : matched) {
      ids.append(ids.length() == 0 ? "" : ",").append(target.id());
    }
    return ids.toString();
  }

  private List<Target> matching(TypeDescription type, ClassLoader loader, Class<?> redefined) {
    List<Target> matched = new ArrayList<>(2);
    for (Target target : targets) {
      if (target.mayWeave(redefined)
          && target.loader().matches(loader)
          && target.type().matches(type)) {
        matched.add(target);
      }
    }
    return matched;
  }

  /**
   * Retransforms those of the {@code loaded} classes a target matches, so they are woven as if they
   * had loaded after the agent: in one pass, or class by class if that pass fails, so one class the
   * JVM refuses does not leave the others unwoven. The weaver must be registered with
   * retransformation by then (at premain, through the {@link StartGate}).
   */
  void retransform(Instrumentation instrumentation, Class<?>[] loaded) {
    List<Class<?>> matched = new ArrayList<>();
    for (Class<?> type : loaded) {
      if (instrumentation.isModifiableClass(type) && matches(type)) {
        matched.add(type);
      }
    }
    if (matched.isEmpty()) {
      return;
    }
    try {
      instrumentation.retransformClasses(matched.toArray(new Class<?>[0]));
    } catch (Throwable batch) {
      for (Class<?> type : matched) {
        try {
          instrumentation.retransformClasses(type);
        } catch (Throwable error) {
          failed(type.getName(), error);
        }
      }
    }
  }

  private boolean matches(Class<?> type) {
    String name = type.getName();
    ClassLoader loader = type.getClassLoader();
    if (IgnoredTypes.ignored(name, loader) || !lock.acquire()) {
      return false;
    }
    try {
      return !matching(describe(type, pools, lock), loader, type).isEmpty();
    } catch (Throwable error) {
      failed(name, error);
      return false;
    } finally {
      lock.release();
    }
  }

  /**
   * Describes {@code sample}, a loaded class, and runs every target's matchers on it, the result
   * unused. The first class described pays for setting up Byte Buddy's type pool, class file reader
   * and module support and the matchers' own state (some 100 classes loaded). At premain an agent
   * thread pays it while the config is read, rather than the first class of the service that the
   * start gate lets through, on the service's own thread. What it parses stays in {@code pools}.
   */
  static void warmUp(List<Target> targets, TypePoolCaches pools, Class<?> sample) {
    ClassLoader loader = sample.getClassLoader();
    TypeDescription type = describe(sample, pools, new AgentBuilder.CircularityLock.Default());
    for (Target target : targets) {
      if (target.loader().matches(loader)) {
        target.type().matches(type);
      }
    }
  }

  private static TypeDescription describe(
      Class<?> type, TypePoolCaches pools, AgentBuilder.CircularityLock lock) {
    ClassLoader loader = type.getClassLoader();
    TypePool pool = pools.typePool(LOCATION.classFileLocator(loader, NO_MODULE), loader);
    return DESCRIPTION.apply(type.getName(), type, pool, lock, loader, NO_MODULE);
  }

  /**
   * Byte Buddy's set-up for writing classes, made at the first class woven rather than at start-up:
   * with the class cache warm, a restarted service may weave none (making it loads and initialises
   * some 150 classes).
   */
  private static final class Writing {
    static final ByteBuddy BYTE_BUDDY =
        new ByteBuddy()
            .with(TypeValidation.DISABLED)
            // Advice is woven into declared methods only: resolving every inherited method's
            // generic signature (RedisCommandBuilder has hundreds) is wasted.
            .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
            // No class-format changes: woven code adds no fields, methods or initializers.
            .with(Implementation.Context.Disabled.Factory.INSTANCE);
  }

  private void failed(String name, Throwable error) {
    errors.report(
        "instrumentation",
        new IllegalStateException("cannot instrument " + name + ": " + error, error));
  }
}
