package io.qnwis.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LabelValuesTest {

  @Test
  void returnsTheSameDataPointForTheSameValue() {
    List<String> created = new ArrayList<>();
    LabelValues<String> labels =
        new LabelValues<>(
            5,
            value -> {
              created.add(value);
              return "point:" + value;
            });

    assertThat(labels.get("select")).isEqualTo("point:select");
    assertThat(labels.get("select")).isEqualTo("point:select");
    assertThat(created).containsExactly("select");
  }

  @Test
  void reportsValuesBeyondTheCapAsOther() {
    LabelValues<String> labels = new LabelValues<>(2, value -> "point:" + value);

    labels.get("a");
    labels.get("b");

    assertThat(labels.get("c")).isEqualTo("point:other");
    assertThat(labels.get("d")).isEqualTo("point:other");
    assertThat(labels.get("a")).isEqualTo("point:a");
    assertThat(labels.size()).isEqualTo(2);
  }

  @Test
  void neverAdmitsMoreThanTheCapUnderConcurrency() throws Exception {
    LabelValues<String> labels = new LabelValues<>(50, value -> value);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    for (int t = 0; t < 4; t++) {
      int thread = t;
      pool.execute(
          () -> {
            try {
              start.await();
            } catch (InterruptedException e) {
              return;
            }
            for (int i = 0; i < 1_000; i++) {
              labels.get("v" + thread + "-" + i);
            }
          });
    }
    start.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    assertThat(labels.size()).isEqualTo(50);
  }

  @Test
  void rejectsANonPositiveCap() {
    assertThatThrownBy(() -> new LabelValues<>(0, value -> value))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
