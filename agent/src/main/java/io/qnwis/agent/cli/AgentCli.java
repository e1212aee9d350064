package io.qnwis.agent.cli;

import io.qnwis.agent.AgentStarter;
import io.qnwis.agent.config.AgentConfig;
import io.qnwis.agent.config.AgentOptions;
import io.qnwis.agent.config.ConfigLoader;
import io.qnwis.agent.config.ConfigResult;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The jar's {@code Main-Class}: {@code java -jar qnwis-agent.jar check-config FILE | attach PID
 * [OPTIONS] | version}. Exit status 0 on success, 1 when the command failed (invalid config, attach
 * refused), 2 for a command line it does not understand.
 */
public final class AgentCli {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  static final String USAGE_TEXT =
      """
      Usage: java -jar qnwis-agent.jar COMMAND

      Commands:
        check-config FILE       Validate an agent config file before deploying it.
                                Exit 0 and a summary if valid, 1 and every problem if not.
        attach PID [OPTIONS]    Load the agent into the running JVM with process id PID.
                                OPTIONS as for -javaagent, e.g. config=/etc/qnwis/agent.yaml,port=9400
        version                 Print the agent's version.
        help                    Print this text.

      At start-up instead: java -javaagent:qnwis-agent.jar[=config=FILE,port=N,strict=true] ...
      Configuration reference: docs/configuration.md
      """;

  private final PrintStream out;
  private final PrintStream err;
  private final Attacher attacher;
  private final File agentJar;

  AgentCli(PrintStream out, PrintStream err, Attacher attacher, File agentJar) {
    this.out = out;
    this.err = err;
    this.attacher = attacher;
    this.agentJar = agentJar;
  }

  public static void main(String[] args) {
    int status = new AgentCli(System.out, System.err, Attacher.byteBuddy(), ownJar()).run(args);
    System.exit(status);
  }

  int run(String... args) {
    if (args.length == 0) {
      return usage("no command given");
    }
    switch (args[0]) {
      case "check-config":
        return args.length == 2 ? checkConfig(Path.of(args[1])) : usage("check-config takes FILE");
      case "attach":
        return args.length == 2 || args.length == 3
            ? attach(args[1], args.length == 3 ? args[2] : "")
            : usage("attach takes PID and optionally OPTIONS");
      case "version":
        out.println("qnwis-agent " + version());
        return OK;
      case "help":
      case "--help":
      case "-h":
        out.print(USAGE_TEXT);
        return OK;
      default:
        return usage("unknown command '" + args[0] + "'");
    }
  }

  private int usage(String problem) {
    err.println("qnwis-agent: " + problem);
    err.println();
    err.print(USAGE_TEXT);
    return USAGE;
  }

  private int checkConfig(Path file) {
    ConfigResult result = ConfigLoader.load(file);
    if (!result.valid()) {
      int count = result.problems().size();
      err.println(file + " is invalid (" + count + (count == 1 ? " problem):" : " problems):"));
      result.problems().forEach(problem -> err.println("  " + problem));
      return FAILED;
    }
    out.println(file + " is valid.");
    ConfigSummary.lines(result.config()).forEach(out::println);
    return OK;
  }

  private int attach(String pid, String rawOptions) {
    if (!pid.matches("\\d+")) {
      return usage("PID must be a process id, not '" + pid + "'");
    }
    AgentOptions options;
    try {
      options = AgentOptions.parse(rawOptions, name -> null, name -> null);
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    }
    AgentConfig config = AgentConfig.defaults();
    if (options.configFile() != null) {
      // The agent reads the file in the target JVM, whose working directory is not ours.
      Path file = options.configFile().toAbsolutePath().normalize();
      ConfigResult result = ConfigLoader.load(file);
      if (!result.valid()) {
        err.println("not attaching: " + file + " is invalid:");
        result.problems().forEach(problem -> err.println("  " + problem));
        return FAILED;
      }
      config = result.config();
      options = options.withConfigFile(file);
    }
    if (ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
      err.println("cannot attach: no process " + pid + " is running");
      return FAILED;
    }
    if (agentJar == null) {
      err.println(
          "cannot attach: run this command from qnwis-agent.jar (java -jar qnwis-agent.jar)");
      return FAILED;
    }
    try {
      attacher.attach(agentJar, pid, render(options));
    } catch (Throwable e) {
      explainAttachFailure(pid, e);
      return FAILED;
    }
    int port = options.port() != null ? options.port() : config.metrics().port();
    out.println("qnwis-agent " + version() + " attached to JVM " + pid + ".");
    out.println(
        "Metrics on http://"
            + config.metrics().host()
            + ":"
            + port
            + "/metrics"
            + "; the agent logs to that JVM's standard error (lines start with [qnwis-agent]).");
    return OK;
  }

  private void explainAttachFailure(String pid, Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    // Byte Buddy wraps the attach API's exception in its own; the root cause is what ops need.
    err.println("cannot attach to JVM " + pid + ": " + cause);
    err.println(
        """
        The target JVM accepts an agent at run time only if:
          - it runs as the same user as this command (root included: run as that user),
            and shares this machine's /tmp (same container or namespace);
          - it was not started with -XX:+DisableAttachMechanism;
          - it is a HotSpot/OpenJDK JVM, Java 17 or later, and is not hung (attach is
            served by a JVM thread; a JVM in a long GC pause answers late).
        On JDK 21 and later the target prints a warning when an agent is loaded at run time,
        and a future JDK may refuse it: start such services with -XX:+EnableDynamicAgentLoading,
        or better with -javaagent:qnwis-agent.jar at start-up.""");
  }

  /** The options as {@code agentmain} parses them. */
  static String render(AgentOptions options) {
    StringBuilder text = new StringBuilder();
    if (options.configFile() != null) {
      text.append("config=").append(options.configFile());
    }
    if (options.port() != null) {
      text.append(text.length() > 0 ? "," : "").append("port=").append(options.port());
    }
    if (options.strict()) {
      text.append(text.length() > 0 ? "," : "").append("strict=true");
    }
    return text.toString();
  }

  static String version() {
    try (InputStream in =
        AgentCli.class.getResourceAsStream("/io/qnwis/agent/version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The agent jar, or null when the agent runs from a class directory. */
  static File ownJar() {
    Path jar = AgentStarter.ownJar();
    return jar == null ? null : jar.toFile();
  }
}
