package io.qnwis.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MetricsHeadlineTest {

  @Test
  void summarisesCachePoolHistogramsAndExecutors() {
    String text =
        """
        qnwis_agent_config_valid 1.0
        qnwis_agent_errors_total{component="jdbc"} 2.0
        qnwis_cache_hits_total{region="query"} 30.0
        qnwis_cache_misses_total{region="query"} 10.0
        qnwis_cache_hits_total{region="dashboard"} 5.0
        qnwis_cache_misses_total{region="dashboard"} 5.0
        qnwis_db_pool_connections{pool="qnwis-db",state="active"} 3.0
        qnwis_db_pool_connections{pool="qnwis-db",state="idle"} 7.0
        qnwis_db_pool_connections{pool="qnwis-db",state="pending"} 0.0
        qnwis_db_pool_connections{pool="qnwis-db",state="max"} 10.0
        qnwis_db_latency_seconds_bucket{operation="select",le="0.005"} 50.0
        qnwis_db_latency_seconds_bucket{operation="select",le="0.05"} 96.0
        qnwis_db_latency_seconds_bucket{operation="select",le="+Inf"} 100.0
        qnwis_db_latency_seconds_count{operation="select"} 100.0
        qnwis_executor_threads{executor="qnwis-agent",state="pool"} 8.0
        qnwis_executor_threads{executor="qnwis-agent",state="max"} 8.0
        qnwis_executor_queue_depth{executor="qnwis-agent"} 0.0
        """;
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    MetricsHeadline.print(
        new PrintStream(out, true, StandardCharsets.UTF_8), MetricsHeadline.parse(text));

    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("config valid yes, agent errors 2")
        .contains("70.0% (hits 35, misses 15); query 75.0%, dashboard 50.0%")
        .contains("db pool qnwis-db       active 3, idle 7, pending 0, max 10")
        .contains("db statements          100 calls, p95 <= 50.0ms")
        .contains("redis commands         not exposed (yet)")
        .contains("executor qnwis-agent   threads 8 (max 8), queue depth 0, rejected 0");
  }
}
