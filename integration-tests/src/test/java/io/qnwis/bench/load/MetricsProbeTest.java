package io.qnwis.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsProbeTest {

  @Test
  void sumsCacheCountersOverRegionsAndPoolGaugesOverPools() {
    String text =
        """
        # HELP qnwis_cache_hits_total Cache reads that found a value
        # TYPE qnwis_cache_hits_total counter
        qnwis_cache_hits_total{region="query"} 30.0
        qnwis_cache_hits_total{region="dashboard"} 12.0
        qnwis_cache_hits_total_created{region="query"} 1.7E9
        qnwis_cache_misses_total{region="query"} 10.0
        qnwis_cache_misses_total{region="dashboard"} 8.0
        qnwis_db_pool_connections{pool="qnwis-db",state="active"} 3.0
        qnwis_db_pool_connections{pool="qnwis-db",state="idle"} 7.0
        qnwis_db_pool_connections{pool="qnwis-db",state="max"} 10.0
        qnwis_db_pool_connections{pool="other",state="active"} 1.0 1712345678000
        qnwis_db_pool_connections{pool="other",state="max"} 5.0
        """;

    MetricsProbe.Snapshot snapshot = MetricsProbe.parse(text);

    assertThat(snapshot.hits()).isEqualTo(42);
    assertThat(snapshot.misses()).isEqualTo(18);
    assertThat(snapshot.poolActive()).isEqualTo(4);
    assertThat(snapshot.poolMax()).isEqualTo(15);
  }

  @Test
  void leavesFamiliesTheAgentDoesNotExposeUndefined() {
    MetricsProbe.Snapshot snapshot =
        MetricsProbe.parse("qnwis_agent_info{version=\"0.1.0\"} 1.0\n");

    assertThat(snapshot.hits()).isNaN();
    assertThat(snapshot.misses()).isNaN();
    assertThat(snapshot.poolActive()).isNaN();
    assertThat(snapshot.poolMax()).isNaN();
  }
}
