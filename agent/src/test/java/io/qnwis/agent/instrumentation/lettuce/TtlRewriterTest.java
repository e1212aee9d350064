package io.qnwis.agent.instrumentation.lettuce;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.SetArgs;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.qnwis.agent.bootstrap.lettuce.LettuceBridge;
import io.qnwis.agent.config.AgentConfig.RedisConfig;
import io.qnwis.agent.config.AgentConfig.Region;
import io.qnwis.agent.config.AgentConfig.TtlPolicy;
import io.qnwis.agent.config.Glob;
import io.qnwis.agent.metrics.AgentMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TtlRewriterTest {

  private final AgentMetrics metrics = new AgentMetrics(200, "test");
  private final CacheRegions regions = new CacheRegions(metrics);
  private final TtlRewriter rewriter = new TtlRewriter(regions, metrics.errors());

  @BeforeEach
  void configure() {
    regions.apply(
        new RedisConfig(
            true,
            null,
            List.of(
                new Region(
                    "dash",
                    Glob.compile("qnwis:dash:*"),
                    new TtlPolicy.Fixed(Duration.ofSeconds(60))),
                new Region(
                    "query",
                    Glob.compile("qnwis:query:*"),
                    new TtlPolicy.Adaptive(Duration.ofSeconds(30), Duration.ofHours(1), 0.05))),
            TtlPolicy.Passthrough.INSTANCE));
  }

  private static String built(SetArgs args) {
    CommandArgs<String, String> command = new CommandArgs<>(StringCodec.UTF8);
    args.build(command);
    return command.toCommandString();
  }

  @Test
  void givesWritesOfAFixedRegionItsTtlInTheCommandsUnit() {
    assertThat(rewriter.writeTtl("qnwis:dash:1", "v", 5, false)).isEqualTo(60);
    assertThat(rewriter.writeTtl("qnwis:dash:1", "v", 5000, true)).isEqualTo(60_000);
    assertThat(rewriter.writeTtl("qnwis:dash:1", "v", LettuceBridge.NO_TTL, true))
        .isEqualTo(60_000);
    assertThat(regions.of("qnwis:dash:1").rewrites()).isEqualTo(3);
  }

  @Test
  void leavesPassthroughRegionsAndDeletingExpiresAlone() {
    assertThat(rewriter.writeTtl("session:1", "v", 5, false)).isEqualTo(5);
    assertThat(rewriter.writeTtl("session:1", "v", LettuceBridge.NO_TTL, true))
        .isEqualTo(LettuceBridge.NO_TTL);
    assertThat(rewriter.writeTtl("qnwis:dash:1", null, 0, false)).isZero();
    assertThat(rewriter.writeTtl("qnwis:dash:1", null, -1, false)).isEqualTo(-1);
  }

  @Test
  void givesAnAdaptiveRegionWithNoHistoryItsMinimum() {
    assertThat(rewriter.writeTtl("qnwis:query:1", "v", 5, false)).isEqualTo(30);
  }

  @Test
  void rewritesACopyOfTheServicesSetArgsAndNeverTheSharedObject() {
    SetArgs shared = SetArgs.Builder.ex(7).nx();

    Object rewritten = rewriter.setArgs("qnwis:dash:1", "v", shared);

    assertThat(rewritten).isNotSameAs(shared);
    assertThat(built((SetArgs) rewritten)).isEqualTo("PX 60000 NX");
    assertThat(built(shared)).isEqualTo("EX 7 NX");
  }

  @Test
  void replacesAbsoluteExpiriesToo() {
    Object rewritten = rewriter.setArgs("qnwis:dash:1", "v", SetArgs.Builder.exAt(4102444800L));
    assertThat(built((SetArgs) rewritten)).isEqualTo("PX 60000");
  }

  @Test
  void leavesKeepTtlAlone() {
    SetArgs keep = SetArgs.Builder.keepttl();
    assertThat(rewriter.setArgs("qnwis:dash:1", "v", keep)).isSameAs(keep);
  }

  @Test
  void feedsValueWritesOfAnAdaptiveRegionToItsEstimator() {
    rewriter.writeTtl("qnwis:query:1", "a", 5, false);
    rewriter.writeTtl("qnwis:query:1", "b", 5, false);
    rewriter.setArgs("qnwis:query:1", "b", SetArgs.Builder.ex(5));
    rewriter.writeTtl("qnwis:query:1", null, 5, false); // EXPIRE: no value, no observation
    assertThat(regions.of("qnwis:query:1").rule().adaptive().estimator().observations())
        .isEqualTo(2);
  }

  @Test
  void putsKeysThatAreNotTextInTheBinaryRegion() {
    byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe, ':', 'x'};
    assertThat(regions.of(notUtf8).name()).isEqualTo("binary");
    assertThat(regions.of(42L).name()).isEqualTo("binary");
    assertThat(regions.of("qnwis:dash:1".getBytes(StandardCharsets.UTF_8)).name())
        .isEqualTo("dash");
  }
}
