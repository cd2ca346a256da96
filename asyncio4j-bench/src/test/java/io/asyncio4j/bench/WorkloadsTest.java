package io.asyncio4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadsTest {
    @Test
    void fullRunHasTheBenchMdSizesAndTheGoalsOfIssue4() {
        List<Workload> w1 = Workloads.cases("w1", false);

        assertThat(w1).extracting(Workload::key).containsExactly("W1 n=100000", "W1 n=1000000");
        Workload million = w1.get(1);
        assertThat(million.figures())
                .extracting(Figure::name, Figure::goal)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("wall_s", 2.0),
                        org.assertj.core.groups.Tuple.tuple("rss_mb", 600.0));
        assertThat(million.jvmFlags()).contains("-XX:+UseParallelGC", "-Djdk.trackAllThreads=false", "-Xmn1500m");
        assertThat(Workloads.cases("w2", false).getFirst().args()).containsExactly("1000000");
        assertThat(Workloads.cases("w3", false).getFirst().figures())
                .extracting(Figure::goal)
                .containsExactly(1.0, 0.15);
    }

    @Test
    void quickRunIsSmaller() {
        assertThat(Workloads.cases("w1", true)).extracting(Workload::key).containsExactly("W1 n=100000");
        assertThat(Workloads.cases("w2", true).getFirst().args()).containsExactly("100000");
        assertThat(Workloads.cases("w2", true).getFirst().figures().getFirst().hasGoal())
                .isFalse();
        // W3's warm figure depends on the rounds, which the key names; quick keeps all 20
        assertThat(Workloads.cases("w3", true)).extracting(Workload::key).containsExactly("W3 n=100000 rounds=20");
        assertThat(Workloads.cases("w3", false)).extracting(Workload::key).containsExactly("W3 n=100000 rounds=20");
    }

    @Test
    void workloadsWithoutTheirPartOfAsyncio4jHaveNoCasesButAReason() {
        for (String id : List.of("w4", "w5", "w6")) {
            assertThat(Workloads.cases(id, false)).isEmpty();
            assertThat(Workloads.NOT_YET.get(id)).contains(id.equals("w4") ? "not wired" : "does not exist yet");
        }
        assertThatThrownBy(() -> Workloads.cases("w7", false)).hasMessageContaining("unknown workload");
    }
}
