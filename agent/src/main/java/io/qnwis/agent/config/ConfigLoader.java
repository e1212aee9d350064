package io.qnwis.agent.config;

import static io.qnwis.agent.config.ConfigOptions.*;

import io.qnwis.agent.config.AgentConfig.BasicAuth;
import io.qnwis.agent.config.AgentConfig.ExecutorConfig;
import io.qnwis.agent.config.AgentConfig.JdbcConfig;
import io.qnwis.agent.config.AgentConfig.MetricsConfig;
import io.qnwis.agent.config.AgentConfig.PoolRule;
import io.qnwis.agent.config.AgentConfig.RedisConfig;
import io.qnwis.agent.config.AgentConfig.Region;
import io.qnwis.agent.config.AgentConfig.TimeoutRule;
import io.qnwis.agent.config.AgentConfig.TtlPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the YAML config file into an {@link AgentConfig}, validating the whole schema of {@link
 * ConfigOptions}: one message per problem, each naming its path ({@code redis.regions[1].ttl.min:
 * "-5s" is not a positive duration}). List indexes in paths count from 0. Never throws: whatever
 * goes wrong is a problem in the result.
 */
public final class ConfigLoader {

  private static final int MAX_FILE_CHARS = 1 << 20;

  private ConfigLoader() {}

  public static ConfigResult load(Path file) {
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return ConfigResult.invalid(List.of(file + ": cannot read the file (" + e + ")"));
    }
    return parse(yaml, file.toString());
  }

  /**
   * @param sourceName names the file in syntax-error messages
   */
  public static ConfigResult parse(String yaml, String sourceName) {
    if (yaml == null) {
      return ConfigResult.invalid(List.of(sourceName + ": no content"));
    }
    return parseText(yaml, sourceName).readFrom(yaml);
  }

  private static ConfigResult parseText(String yaml, String sourceName) {
    Object document;
    try {
      document = YamlDocument.read(yaml, loaderOptions(yaml.length()));
    } catch (MarkedYAMLException e) {
      return ConfigResult.invalid(List.of(syntaxMessage(sourceName, e)));
    } catch (YAMLException | StackOverflowError | IllegalArgumentException e) {
      return ConfigResult.invalid(List.of(sourceName + ": not valid YAML: " + e.getMessage()));
    }
    try {
      List<String> problems = new ArrayList<>();
      AgentConfig config = read(ConfigNode.root(document, problems));
      return problems.isEmpty() ? ConfigResult.ok(config) : ConfigResult.invalid(problems);
    } catch (RuntimeException bug) {
      return ConfigResult.invalid(List.of(sourceName + ": cannot read the config (" + bug + ")"));
    }
  }

  /** Bounded size and aliases (duplicate keys are refused by {@link YamlDocument}). */
  private static LoaderOptions loaderOptions(int length) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(20);
    options.setCodePointLimit(Math.max(length + 1, MAX_FILE_CHARS));
    return options;
  }

  private static String syntaxMessage(String sourceName, MarkedYAMLException e) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    String where =
        mark == null
            ? ""
            : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
    String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
    return sourceName + ": YAML syntax error" + where + ": " + problem + context;
  }

  private static AgentConfig read(ConfigNode root) {
    root.rejectUnknownKeys();
    return new AgentConfig(
        metrics(root.section(METRICS)),
        jdbc(root.section(JDBC)),
        redis(root.section(REDIS)),
        executor(root.section(EXECUTOR)),
        root.get(RELOAD_INTERVAL));
  }

  private static MetricsConfig metrics(ConfigNode node) {
    node.rejectUnknownKeys();
    BasicAuth basicAuth = null;
    ConfigNode auth =
        node.has(METRICS_BASIC_AUTH)
            ? node.map(METRICS_BASIC_AUTH, METRICS_BASIC_AUTH.key())
            : null;
    if (auth != null) {
      auth.rejectUnknownKeys();
      basicAuth =
          new BasicAuth(
              auth.get(METRICS_BASIC_AUTH_USERNAME), auth.get(METRICS_BASIC_AUTH_PASSWORD_SHA256));
    }
    return new MetricsConfig(
        node.get(METRICS_HOST),
        orZero(node.get(METRICS_PORT)),
        orZero(node.get(METRICS_MAX_LABEL_VALUES)),
        basicAuth);
  }

  private static JdbcConfig jdbc(ConfigNode node) {
    node.rejectUnknownKeys();
    ConfigNode timeouts = node.section(JDBC_TIMEOUTS);
    timeouts.rejectUnknownKeys();
    List<TimeoutRule> rules = new ArrayList<>();
    for (ConfigNode rule : timeouts.list(JDBC_TIMEOUTS_RULES)) {
      rule.rejectUnknownKeys();
      rules.add(
          new TimeoutRule(
              rule.get(JDBC_TIMEOUTS_RULE_MATCH), rule.get(JDBC_TIMEOUTS_RULE_TIMEOUT)));
    }
    return new JdbcConfig(
        isTrue(node.get(JDBC_ENABLED)),
        node.get(JDBC_SLOW_QUERY_THRESHOLD),
        timeouts.get(JDBC_TIMEOUTS_DEFAULT),
        List.copyOf(rules));
  }

  private static RedisConfig redis(ConfigNode node) {
    node.rejectUnknownKeys();
    List<Region> regions = new ArrayList<>();
    Map<String, String> firstUse = new HashMap<>();
    for (ConfigNode region : node.list(REDIS_REGIONS)) {
      region.rejectUnknownKeys();
      String name = region.get(REDIS_REGION_NAME);
      if (name != null) {
        String earlier = firstUse.putIfAbsent(name, region.path());
        if (earlier != null) {
          region.problem(
              REDIS_REGION_NAME.name(),
              ConfigNode.render(name) + " is already the name of " + earlier);
        }
      }
      regions.add(new Region(name, region.get(REDIS_REGION_MATCH), ttl(region, REDIS_REGION_TTL)));
    }
    return new RedisConfig(
        isTrue(node.get(REDIS_ENABLED)),
        node.get(REDIS_COMMAND_TIMEOUT),
        List.copyOf(regions),
        ttl(node, REDIS_DEFAULT_TTL));
  }

  private static TtlPolicy ttl(ConfigNode parent, ConfigOption<Void> option) {
    if (!parent.has(option)) {
      return DEFAULT_TTL;
    }
    ConfigNode node = parent.map(option, "ttl");
    if (node == null) {
      return DEFAULT_TTL;
    }
    String mode = node.get(TTL_MODE);
    if (mode == null) {
      node.rejectUnknownKeys();
      return DEFAULT_TTL;
    }
    switch (mode) {
      case "adaptive" -> {
        node.rejectUnknownKeys(
            List.of(TTL_MODE, TTL_MIN, TTL_MAX, TTL_MAX_STALE_RATIO), " for mode adaptive");
        Duration min = node.get(TTL_MIN);
        Duration max = node.get(TTL_MAX);
        Double ratio = node.get(TTL_MAX_STALE_RATIO);
        if (min != null && max != null && min.compareTo(max) > 0) {
          node.problem(
              TTL_MIN.name(),
              Durations.format(min) + " is greater than max (" + Durations.format(max) + ")");
        }
        return new TtlPolicy.Adaptive(min, max, ratio == null ? 0 : ratio);
      }
      case "fixed" -> {
        node.rejectUnknownKeys(List.of(TTL_MODE, TTL_VALUE), " for mode fixed");
        return new TtlPolicy.Fixed(node.get(TTL_VALUE));
      }
      default -> {
        node.rejectUnknownKeys(List.of(TTL_MODE), " for mode passthrough");
        return TtlPolicy.Passthrough.INSTANCE;
      }
    }
  }

  private static ExecutorConfig executor(ConfigNode node) {
    node.rejectUnknownKeys();
    List<PoolRule> pools = new ArrayList<>();
    for (ConfigNode pool : node.list(EXECUTOR_POOLS)) {
      pool.rejectUnknownKeys();
      pools.add(
          new PoolRule(
              pool.get(EXECUTOR_POOL_NAME),
              pool.get(EXECUTOR_POOL_MATCH),
              pool.get(EXECUTOR_POOL_MAX_POOL_SIZE)));
    }
    return new ExecutorConfig(isTrue(node.get(EXECUTOR_ENABLED)), List.copyOf(pools));
  }

  /** A value that failed validation reads as null; the config is then discarded anyway. */
  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }

  private static boolean isTrue(Boolean value) {
    return value != null && value;
  }
}
