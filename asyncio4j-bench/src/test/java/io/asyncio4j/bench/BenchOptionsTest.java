package io.asyncio4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
    @Test
    void defaultsToEveryWorkloadThreeRuns() {
        BenchOptions o = BenchOptions.parse(List.of());

        assertThat(o.workloads()).containsExactly("w0", "w1", "w2", "w3", "w4", "w5", "w6", "w7");
        assertThat(o.runs()).isEqualTo(3);
        assertThat(o.quick()).isFalse();
        assertThat(o.pin()).isFalse();
    }

    @Test
    void keepsBenchMdOrderWhateverTheOrderGiven() {
        BenchOptions o = BenchOptions.parse(List.of("W3", "w1", "--runs", "5"));

        assertThat(o.workloads()).containsExactly("w1", "w3");
        assertThat(o.runs()).isEqualTo(5);
    }

    @Test
    void quickMeansFewerRunsUnlessRunsAreGiven() {
        assertThat(BenchOptions.parse(List.of("--quick")).runs()).isEqualTo(2);
        assertThat(BenchOptions.parse(List.of("--quick", "--runs=4")).runs()).isEqualTo(4);
    }

    @Test
    void peersAreSelectedButAsyncio4jAlwaysRuns() {
        BenchOptions o = BenchOptions.parse(List.of("--peers", "node,jdk", "--pin"));

        assertThat(o.pin()).isTrue();
        assertThat(o.wants(Fixtures.NODE)).isTrue();
        assertThat(o.wants(Fixtures.CPYTHON)).isFalse();
        assertThat(o.wants(Fixtures.ASYNCIO4J)).isTrue();
    }

    @Test
    void rejectsWhatItDoesNotKnowWithAReason() {
        assertThatThrownBy(() -> BenchOptions.parse(List.of("w9"))).hasMessageContaining("unknown workload 'w9'");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--fast"))).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--runs", "0"))).hasMessageContaining("positive");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--runs"))).hasMessageContaining("needs a number");
    }

    @Test
    void onlyAFullSessionIsComplete() {
        assertThat(BenchOptions.parse(List.of()).partial()).isFalse();
        assertThat(BenchOptions.parse(List.of("--runs", "5")).partial()).isFalse();
        assertThat(BenchOptions.parse(List.of("w6")).partial()).isTrue();
        assertThat(BenchOptions.parse(List.of("--peers", "node")).partial()).isTrue();
    }
}
