package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ContextVar#runInCopy}: asyncio's {@code copy_context().run(f)}. */
class ContextVarRunInCopyTest {
    private static final ContextVar<String> REQUEST_ID = ContextVar.of("request_id", "-");

    @Test
    void whatTheBodySetsIsUndoneAfterItAndSeenByTheTasksItCreates() throws Exception {
        List<String> log = new ArrayList<>();
        Asyncio.run(() -> {
            REQUEST_ID.set("outer");
            String seenByChild = ContextVar.runInCopy(() -> {
                log.add("body starts with " + REQUEST_ID.get());
                REQUEST_ID.set("r-42");
                return Asyncio.createTask(() -> REQUEST_ID.get()).await();
            });
            log.add("child saw " + seenByChild);
            log.add("after the body " + REQUEST_ID.get());
            assertThatThrownBy(() -> ContextVar.runInCopy(() -> {
                        REQUEST_ID.set("failing");
                        throw new IllegalStateException("boom");
                    }))
                    .hasMessage("boom");
            log.add("after a failing body " + REQUEST_ID.get());
            return null;
        });
        assertThat(log)
                .containsExactly(
                        "body starts with outer",
                        "child saw r-42",
                        "after the body outer",
                        "after a failing body outer");
    }
}
