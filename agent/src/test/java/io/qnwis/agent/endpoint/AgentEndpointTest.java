package io.qnwis.agent.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.agent.config.AgentConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Basic auth as the endpoint checks it, header by header. */
class AgentEndpointTest {

  // As ops write it in the config: the password's SHA-256, in hex of either case.
  private static final AgentConfig.BasicAuth OPS =
      new AgentConfig.BasicAuth("ops", sha256Hex("s3cret").toUpperCase(Locale.ROOT));

  private static String basic(String credentials) {
    return "Basic "
        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void acceptsTheConfiguredUserAndPassword() {
    assertThat(AgentEndpoint.presents(basic("ops:s3cret"), OPS)).isTrue();
    assertThat(AgentEndpoint.presents("basic " + basic("ops:s3cret").substring(6), OPS)).isTrue();
  }

  @Test
  void refusesAnythingElse() {
    assertThat(AgentEndpoint.presents(null, OPS)).isFalse();
    assertThat(AgentEndpoint.presents(basic("ops:guess"), OPS)).isFalse();
    assertThat(AgentEndpoint.presents(basic("admin:s3cret"), OPS)).isFalse();
    assertThat(AgentEndpoint.presents(basic("ops"), OPS)).isFalse();
    assertThat(AgentEndpoint.presents("Basic not*base64", OPS)).isFalse();
    assertThat(AgentEndpoint.presents("Bearer " + basic("ops:s3cret").substring(6), OPS)).isFalse();
  }

  @Test
  void takesThePasswordAfterTheFirstColon() {
    AgentConfig.BasicAuth colons = new AgentConfig.BasicAuth("ops", sha256Hex("a:b"));

    assertThat(AgentEndpoint.presents(basic("ops:a:b"), colons)).isTrue();
  }
}
