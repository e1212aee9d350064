package io.qnwis.agent;

import io.qnwis.agent.config.AgentConfig;
import io.qnwis.agent.config.AgentOptions;
import io.qnwis.agent.config.ConfigHolder;
import io.qnwis.agent.config.ConfigLoader;
import io.qnwis.agent.config.ConfigOptions;
import io.qnwis.agent.config.ConfigResult;
import io.qnwis.agent.config.ConfigWatcher;
import io.qnwis.agent.endpoint.AgentEndpoint;
import io.qnwis.agent.instrumentation.InstrumentationModules;
import io.qnwis.agent.metrics.AgentMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Starts the agent: options, config, metrics, instrumentation, endpoint, config watcher. The
 * launcher ({@code io.qnwis.agent.launch.AgentLauncher}) calls {@link #start} from another class
 * loader, hence public. Nothing here may stop the service: every failure is logged and the service
 * goes on, except an invalid config under {@code strict=true} at start-up, which exits before
 * {@code main} as ops asked.
 */
public final class AgentStarter {

  private static boolean started;

  private AgentStarter() {}

  public static synchronized void start(
      String rawOptions, Instrumentation instrumentation, boolean attach) {
    if (started) {
      AgentLog.warn("agent already running in this JVM; ignoring a second start");
      return;
    }
    started = true;
    long begin = System.nanoTime();
    Timings.mark("premain");
    try {
      AgentOptions options = AgentOptions.fromEnvironment(rawOptions);
      if (attach) {
        startNow(options, null, instrumentation, null, begin);
        return;
      }
      // strict=true promises an exit before main on an invalid config: it is read now.
      ConfigResult strictConfig = options.strict() ? loadConfig(options) : null;
      if (strictConfig != null && !strictConfig.valid()) {
        System.err.println("[qnwis-agent] invalid config and strict=true: exiting before main");
        System.exit(1);
      }
      StartGate gate = new StartGate();
      // Retransformation-capable, so the JVM keeps each class's bytes from before the agent wove
      // them: a later retransformation (ours, or another agent's) weaves those, not woven code a
      // second time. The JVM copies the bytes only of classes a transformer changes.
      instrumentation.addTransformer(gate, true);
      Thread starter =
          AgentThreads.daemon(
              STARTER_THREAD_NAME,
              new Starter(options, strictConfig, instrumentation, gate, begin));
      gate.starter(starter);
      starter.start();
    } catch (IllegalArgumentException badOptions) {
      AgentLog.warn(badOptions.getMessage() + "; the agent is not started, the service runs on");
    } catch (Throwable error) {
      AgentLog.warn("the agent could not start; the service runs on without it", error);
    }
  }

  /** Constants: premain spends nothing on string concatenation (its first use costs ms). */
  private static final String STARTER_THREAD_NAME = AgentThreads.PREFIX + "starter";

  private static final String CONFIG_THREAD_NAME = AgentThreads.PREFIX + "config-reader";

  private static final String WARM_UP_THREAD_NAME = AgentThreads.PREFIX + "warm-up";

  /**
   * The costly part of starting, on an agent thread while main() runs; classes that may need the
   * instrumentation wait for it at the {@link StartGate}.
   */
  private static final class Starter implements Runnable {
    private final AgentOptions options;
    private final ConfigResult config;
    private final Instrumentation instrumentation;
    private final StartGate gate;
    private final long begin;

    Starter(
        AgentOptions options,
        ConfigResult config,
        Instrumentation instrumentation,
        StartGate gate,
        long begin) {
      this.options = options;
      this.config = config;
      this.instrumentation = instrumentation;
      this.gate = gate;
      this.begin = begin;
    }

    @Override
    public void run() {
      try {
        startNow(options, config, instrumentation, gate, begin);
      } catch (Throwable error) {
        AgentLog.warn("the agent could not start; the service runs on without it", error);
        // No class may wait for an instrumentation that failed.
        gate.abandon();
      }
    }
  }

  /**
   * Config and metrics, instrumentation, then (on another agent thread) endpoint and config
   * watcher. {@code loaded} is the config read at premain, or null to read it now; {@code gate} is
   * null on run-time attach.
   */
  private static void startNow(
      AgentOptions options,
      ConfigResult loaded,
      Instrumentation instrumentation,
      StartGate gate,
      long begin)
      throws Exception {
    // Reading the config (SnakeYAML, validation) and setting up the metrics need nothing from
    // Byte Buddy: at premain they run on another agent thread while this one sets up the modules'
    // matchers. A service thread waiting at the gate leaves a core free for it.
    FutureTask<Configured> configuring =
        new FutureTask<>(() -> configure(options, loaded, instrumentation));
    if (gate == null) {
      configuring.run();
    } else {
      AgentThreads.daemon(CONFIG_THREAD_NAME, configuring).start();
    }
    // Advice needs no class injection, so Byte Buddy never needs sun.misc.Unsafe, whose use
    // JDK 24+ reports on the service's stderr. The shade plugin relocates this name to the
    // bundled copy's property, which nothing else reads.
    System.setProperty("net.bytebuddy.safe", "true");
    AgentInstaller installer = AgentInstaller.prepare(InstrumentationModules.all(), gate);
    Timings.mark("prepared");
    // Only classes as they load are taken from the cache: a run-time attach retransforms.
    WovenClassCache cache = null;
    if (gate != null) {
      // On a thread of its own, setting up matching overlaps with reading the config and starting
      // the modules, instead of being paid by the service's first class through the gate.
      AgentThreads.daemon(WARM_UP_THREAD_NAME, installer::warmUp).start();
      cache = classCache(options);
      Timings.mark("class cache opened");
      initialiseAhead();
    }
    Configured configured;
    try {
      configured = configuring.get();
    } catch (ExecutionException failed) {
      throw failed.getCause() instanceof Exception e ? e : failed;
    }
    AgentContext context = configured.context();
    long configuredAt = System.nanoTime();
    Timings.mark("configured");
    List<String> modules = installer.install(instrumentation, context, cache);
    long instrumented = System.nanoTime();
    if (gate != null) {
      gate.open();
    }
    Timings.mark("opened");
    AgentLog.info(
        "version "
            + version()
            + " started in "
            + millis(begin, instrumented)
            + " ms (config "
            + millis(begin, configuredAt)
            + ", instrumentation "
            + millis(configuredAt, instrumented)
            + "); instrumentation: "
            + modules);
    serve(options, configured);
  }

  /**
   * Class initialisation the config thread would otherwise do itself after parsing the YAML, done
   * here while it parses: the table of config options (its converters and validators are some 30
   * lambdas, each spun at its first use) and the Prometheus client's settings. The config thread is
   * what the start gate waits for; this one would only wait for it.
   */
  private static void initialiseAhead() {
    ConfigOptions.all();
    AgentMetrics.readClientSettings();
    Timings.mark("initialised ahead");
  }

  /** The config as read at start-up, and the context the agent builds on it. */
  private record Configured(ConfigResult read, AgentContext context) {}

  /** The config in force, and the metrics and context the agent builds on it. */
  private static Configured configure(
      AgentOptions options, ConfigResult loaded, Instrumentation instrumentation) {
    ConfigResult result = loaded == null ? loadConfig(options) : loaded;
    Timings.mark("config read");
    AgentConfig config = result.valid() ? result.config() : AgentConfig.defaults();
    if (options.port() != null) {
      config = config.withPort(options.port());
    }
    AgentMetrics metrics = new AgentMetrics(config.metrics().maxLabelValues(), version());
    metrics.configValid(result.valid());
    ConfigHolder holder =
        new ConfigHolder(
            config,
            result.valid(),
            (component, error) -> metrics.errors().report(component, error));
    Timings.mark("metrics set up");
    return new Configured(result, new AgentContext(metrics, holder, instrumentation));
  }

  /** The cache of woven classes the options name, or null if off or unusable (logged). */
  private static WovenClassCache classCache(AgentOptions options) {
    if (options.classCache() == null) {
      return null;
    }
    Path jar = ownJar();
    if (jar == null) {
      AgentLog.warn("no class cache: the agent does not run from its jar");
      return null;
    }
    return WovenClassCache.open(options.classCache(), jar);
  }

  /**
   * The jar the agent's classes were loaded from, or null when they run from a class directory (the
   * agent's own tests).
   */
  public static Path ownJar() {
    try {
      Path location =
          Path.of(AgentStarter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(location) ? location : null;
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  private static ConfigResult loadConfig(AgentOptions options) {
    if (options.configFile() == null) {
      AgentLog.info("no config file given: observation only, built-in defaults");
      return ConfigResult.ok(AgentConfig.defaults());
    }
    ConfigResult result = ConfigLoader.load(options.configFile());
    if (!result.valid()) {
      AgentLog.warn(
          "config "
              + options.configFile()
              + " is invalid; running observation-only on defaults until it is fixed:");
      result.problems().forEach(problem -> System.err.println("[qnwis-agent]   " + problem));
    }
    return result;
  }

  /** The endpoint and the config watcher start on an agent thread of their own. */
  private static void serve(AgentOptions options, Configured configured) {
    AgentContext context = configured.context();
    ConfigWatcher watcher =
        options.configFile() == null
            ? null
            : watcher(options, configured.read(), context.metrics(), context.config());
    Thread starter =
        AgentThreads.factory("start")
            .newThread(
                () -> {
                  startEndpoint(context);
                  if (watcher != null) {
                    watcher.start();
                  }
                });
    starter.start();
  }

  private static ConfigWatcher watcher(
      AgentOptions options, ConfigResult started, AgentMetrics metrics, ConfigHolder holder) {
    Integer portOverride = options.port();
    return new ConfigWatcher(
        options.configFile(),
        started,
        new ConfigWatcher.Listener() {
          @Override
          public void applied(AgentConfig next) {
            holder.apply(portOverride == null ? next : next.withPort(portOverride));
            metrics.configValid(true);
            metrics.configReloaded(true);
            AgentLog.info("config reloaded from " + options.configFile());
          }

          @Override
          public void rejected(List<String> problems) {
            metrics.configReloaded(false);
            AgentLog.warn(
                "config "
                    + options.configFile()
                    + " changed but is invalid; keeping the config in force:");
            problems.forEach(problem -> System.err.println("[qnwis-agent]   " + problem));
          }
        },
        holder);
  }

  private static long millis(long from, long to) {
    return (to - from) / 1_000_000;
  }

  private static void startEndpoint(AgentContext context) {
    AgentConfig.MetricsConfig listen = context.config().current().metrics();
    AgentMetrics metrics = context.metrics();
    try {
      AgentEndpoint endpoint =
          AgentEndpoint.start(listen, metrics, context.config(), context.jsonRoutes());
      AgentLog.info("metrics on http://" + listen.host() + ":" + endpoint.port() + "/metrics");
    } catch (RuntimeException | LinkageError e) {
      // A bug, or a runtime without a module the endpoint needs: the config watcher still starts.
      AgentLog.warn(
          "cannot serve metrics (" + e + "); instrumentation goes on without the endpoint");
      metrics.errors().report("endpoint", e);
    } catch (IOException e) {
      AgentLog.warn(
          "cannot serve metrics on "
              + listen.host()
              + ":"
              + listen.port()
              + " ("
              + e
              + "); is the port in use? Instrumentation goes on without the endpoint; set"
              + " metrics.port or the port= option");
      metrics.errors().report("endpoint", e);
    }
  }

  static String version() {
    try (InputStream in = AgentStarter.class.getResourceAsStream("version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
