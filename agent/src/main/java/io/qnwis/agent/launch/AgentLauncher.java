package io.qnwis.agent.launch;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.jar.JarFile;

/**
 * Entry point named by the jar manifest for {@code -javaagent} (premain), run-time attach
 * (agentmain) and the command line (main). It puts the agent jar on the bootstrap class path, so
 * the bundled libraries and the advice bridge (at the jar's root) load there, then runs the agent
 * itself from {@link AgentClassLoader}. Nothing here may stop the service: a failure is one line on
 * stderr.
 *
 * <p>Why the bootstrap class path: the bootstrap loader reads classes natively and does not verify
 * them, where the system loader runs Java code for every class and verifies it. Byte Buddy,
 * SnakeYAML and the Prometheus client are most of the classes the agent loads as it starts, so this
 * takes about a third off the agent's own start (docs/architecture.md, "Class loaders"). The
 * agent's own classes cannot load there: they use {@code java.sql}, which the bootstrap loader does
 * not see. A JVM that runs with a class-data sharing archive is the exception: there the append
 * would cost the service the archive's classes, so only the bridge goes to the bootstrap loader and
 * the libraries load with the agent's own classes (see {@link #loader}).
 */
public final class AgentLauncher {

  private static final String STARTER = "io.qnwis.agent.AgentStarter";
  private static final String CLI = "io.qnwis.agent.cli.AgentCli";
  private static final String SHARED_ARCHIVE = "io.qnwis.agent.SharedArchive";

  /** One agent class loader per JVM, so a second attach finds the agent already running. */
  private static AgentClassLoader loader;

  private AgentLauncher() {}

  public static void premain(String args, Instrumentation instrumentation) {
    start(args, instrumentation, false);
  }

  public static void agentmain(String args, Instrumentation instrumentation) {
    start(args, instrumentation, true);
  }

  /**
   * {@code java -jar qnwis-agent.jar ...}: the command line, with the bundled libraries as they
   * are.
   */
  public static void main(String[] args) throws Throwable {
    invoke(loader(null), CLI, "main", new Class<?>[] {String[].class}, (Object) args);
  }

  private static void start(String args, Instrumentation instrumentation, boolean attach) {
    try {
      invoke(
          loader(instrumentation),
          STARTER,
          "start",
          new Class<?>[] {String.class, Instrumentation.class, boolean.class},
          args,
          instrumentation,
          attach);
    } catch (Throwable error) {
      // AgentLog is one of the agent's own classes, which this class cannot name.
      System.err.println(
          "[qnwis-agent] WARN the agent could not start; the service runs on without it: " + error);
    }
  }

  /**
   * Calls a public static method of an agent class and returns what it returns; what it throws
   * comes out unwrapped.
   */
  private static Object invoke(
      ClassLoader loader, String type, String method, Class<?>[] parameters, Object... args)
      throws Throwable {
    try {
      return Class.forName(type, true, loader).getMethod(method, parameters).invoke(null, args);
    } catch (InvocationTargetException failed) {
      throw failed.getCause();
    }
  }

  /**
   * The agent's class loader, made at the first call. With {@code instrumentation}, before any
   * bundled library loads, the agent jar is appended to the bootstrap class path; or, in a JVM with
   * a class-data sharing archive, which the append would take the service's classes out of, only
   * the bridge is defined there and the loader takes the libraries itself ({@code
   * io.qnwis.agent.SharedArchive}). Both read the jar through one {@link JarFile}.
   */
  private static synchronized AgentClassLoader loader(Instrumentation instrumentation)
      throws Throwable {
    if (loader == null) {
      JarFile jar = new JarFile(agentJar().toFile(), false);
      AgentClassLoader agentLoader = new AgentClassLoader(jar, ClassLoader.getSystemClassLoader());
      if (instrumentation != null) {
        Object bridgeDefined =
            invoke(
                agentLoader,
                SHARED_ARCHIVE,
                "defineBridgeIfArchived",
                new Class<?>[] {Instrumentation.class, JarFile.class},
                instrumentation,
                jar);
        if ((boolean) bridgeDefined) {
          agentLoader.loadLibraries();
        } else {
          instrumentation.appendToBootstrapClassLoaderSearch(jar);
        }
      }
      loader = agentLoader;
    }
    return loader;
  }

  /** The jar this class came from: the JVM loads it from there, with the system class loader. */
  private static Path agentJar() throws URISyntaxException {
    CodeSource source = AgentLauncher.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      throw new IllegalStateException("not loaded from the agent jar");
    }
    return Path.of(source.getLocation().toURI());
  }
}
