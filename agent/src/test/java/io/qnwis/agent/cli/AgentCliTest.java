package io.qnwis.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentCliTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final List<String> attachCalls = new ArrayList<>();
  private final File jar = new File("/opt/qnwis/qnwis-agent.jar");
  private final String ownPid = String.valueOf(ProcessHandle.current().pid());

  private int run(Attacher attacher, String... args) {
    return new AgentCli(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            attacher,
            jar)
        .run(args);
  }

  private int run(String... args) {
    return run(
        (agentJar, pid, options) -> attachCalls.add(agentJar + " " + pid + " [" + options + "]"),
        args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void noArgumentsPrintsUsageAndExits2() {
    assertThat(run()).isEqualTo(2);
    assertThat(err()).contains("no command given").contains("Usage: java -jar qnwis-agent.jar");
  }

  @Test
  void unknownCommandPrintsUsageAndExits2() {
    assertThat(run("start")).isEqualTo(2);
    assertThat(err()).contains("unknown command 'start'").contains("check-config FILE");
  }

  @Test
  void helpPrintsUsageAndSucceeds() {
    assertThat(run("help")).isZero();
    assertThat(out()).contains("attach PID [OPTIONS]");
  }

  @Test
  void versionPrintsTheVersion() {
    assertThat(run("version")).isZero();
    assertThat(out()).startsWith("qnwis-agent ").doesNotContain("unknown");
  }

  @Test
  void checkConfigWithoutFileIsAUsageError() {
    assertThat(run("check-config")).isEqualTo(2);
  }

  @Test
  void checkConfigOfValidFileSummarizesIt() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("agent.yaml"),
            """
            jdbc: {timeouts: {default: 30s, rules: [{match: "select *", timeout: 5s}]}}
            redis:
              regions:
                - {name: query, match: "q:*", ttl: {mode: adaptive, min: 30s, max: 1h}}
                - {name: dash, match: "d:*", ttl: {mode: fixed, value: 60s}}
            executor: {pools: [{name: agents, match: "qnwis-agent-*", max_pool_size: 8}]}
            """);

    assertThat(run("check-config", file.toString())).isZero();
    assertThat(out())
        .contains(file + " is valid.")
        .contains("http://127.0.0.1:9400/metrics, no auth")
        .contains("default timeout 30s; 1 timeout rule")
        .contains("2 regions: query (adaptive TTL 30s to 1h, stale reads at most 0.05)")
        .contains("dash (fixed TTL 1m); other keys: TTL passthrough")
        .contains("1 pool: agents (at most 8 threads)")
        .contains("every 5s");
  }

  @Test
  void checkConfigWarnsOfAnExposedEndpointWithoutAuth() throws Exception {
    Path file = Files.writeString(dir.resolve("agent.yaml"), "metrics: {host: 0.0.0.0}\n");

    assertThat(run("check-config", file.toString())).isZero();
    assertThat(out()).contains("warning: the endpoint listens on 0.0.0.0 without basic_auth");
  }

  @Test
  void checkConfigDoesNotWarnOfALoopbackEndpoint() throws Exception {
    Path file = Files.writeString(dir.resolve("agent.yaml"), "metrics: {host: localhost}\n");

    assertThat(run("check-config", file.toString())).isZero();
    assertThat(out()).doesNotContain("warning");
  }

  @Test
  void checkConfigShowsSwitchedOffInstrumentations() throws Exception {
    Path file = Files.writeString(dir.resolve("agent.yaml"), "jdbc: {enabled: false}\n");

    assertThat(run("check-config", file.toString())).isZero();
    assertThat(out()).containsPattern("jdbc +off");
  }

  @Test
  void checkConfigOfInvalidFilePrintsEveryProblemAndExits1() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("agent.yaml"), "metrics: {port: 0}\nreload_interval: -1s\ncolour: red\n");

    assertThat(run("check-config", file.toString())).isEqualTo(1);
    assertThat(err())
        .contains(file + " is invalid (3 problems):")
        .contains("  metrics.port: 0 is not a port number (1–65535)")
        .contains("  reload_interval: \"-1s\" is not a positive duration")
        .contains("  colour: unknown key");
    assertThat(out()).isEmpty();
  }

  @Test
  void checkConfigOfMissingFileExits1() {
    assertThat(run("check-config", dir.resolve("absent.yaml").toString())).isEqualTo(1);
    assertThat(err()).contains("cannot read the file");
  }

  @Test
  void attachHandsTheOptionsToTheTarget() {
    assertThat(run("attach", ownPid, "port=9555")).isZero();

    assertThat(attachCalls).containsExactly(jar + " " + ownPid + " [port=9555]");
    assertThat(out()).contains("attached to JVM " + ownPid).contains("127.0.0.1:9555/metrics");
  }

  @Test
  void attachWithoutOptionsPassesNone() {
    assertThat(run("attach", ownPid)).isZero();

    assertThat(attachCalls).containsExactly(jar + " " + ownPid + " []");
  }

  @Test
  void attachMakesTheConfigPathAbsoluteForTheTarget() throws Exception {
    Path file = Files.writeString(dir.resolve("agent.yaml"), "metrics: {port: 9600}\n");
    Path relative = Path.of("").toAbsolutePath().relativize(file);

    assertThat(run("attach", ownPid, "config=" + relative)).isZero();

    assertThat(attachCalls).containsExactly(jar + " " + ownPid + " [config=" + file + "]");
    assertThat(out()).contains(":9600/metrics");
  }

  @Test
  void attachRefusesAnInvalidConfig() throws Exception {
    Path file = Files.writeString(dir.resolve("agent.yaml"), "metrics: {port: x}\n");

    assertThat(run("attach", ownPid, "config=" + file)).isEqualTo(1);

    assertThat(attachCalls).isEmpty();
    assertThat(err()).contains("not attaching").contains("metrics.port: \"x\" is not an integer");
  }

  @Test
  void attachRejectsUnknownOptions() {
    assertThat(run("attach", ownPid, "prot=9400")).isEqualTo(2);

    assertThat(attachCalls).isEmpty();
    assertThat(err()).contains("unknown agent option 'prot'");
  }

  @Test
  void attachRejectsAPidThatIsNotANumber() {
    assertThat(run("attach", "service")).isEqualTo(2);
    assertThat(err()).contains("PID must be a process id");
  }

  @Test
  void attachToNoSuchProcessSaysSo() {
    assertThat(run("attach", "999999999")).isEqualTo(1);

    assertThat(attachCalls).isEmpty();
    assertThat(err()).contains("no process 999999999 is running");
  }

  @Test
  void refusedAttachExplainsWhatTheTargetNeeds() {
    Attacher refusing =
        (agentJar, pid, options) -> {
          throw new IllegalStateException(
              "Could not attach", new java.io.IOException("Connection refused"));
        };

    assertThat(run(refusing, "attach", ownPid)).isEqualTo(1);

    assertThat(err())
        .contains("cannot attach to JVM " + ownPid + ": java.io.IOException: Connection refused")
        .contains("same user")
        .contains("-XX:+DisableAttachMechanism")
        .contains("-XX:+EnableDynamicAgentLoading");
  }

  @Test
  void attachOutsideTheJarSaysHowToRunIt() {
    int status =
        new AgentCli(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                (agentJar, pid, options) -> attachCalls.add(pid),
                null)
            .run("attach", ownPid);

    assertThat(status).isEqualTo(1);
    assertThat(attachCalls).isEmpty();
    assertThat(err()).contains("java -jar qnwis-agent.jar");
  }
}
