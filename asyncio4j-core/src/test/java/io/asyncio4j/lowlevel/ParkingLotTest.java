package io.asyncio4j.lowlevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;
import io.asyncio4j.TestLoops;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ParkingLot as a user building a primitive sees it: transcripts of who was served, and when. */
class ParkingLotTest {
    private static Task<Void> parker(ParkingLot<String> lot, String name, List<String> log) {
        return Asyncio.createTask(name, () -> {
            try {
                ParkingLot.Waiter<String> w = lot.park("test.park", null);
                log.add(name + (w.isServed() ? " served " + w.value() : w.isRefused() ? " refused" : " passed"));
            } catch (CancelledError e) {
                log.add(name + " cancelled");
                throw e;
            }
        });
    }

    @Test
    void waitersAreServedInArrivalOrderWithTheValueHandedToThem() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            ParkingLot<String> lot = new ParkingLot<>();
            List<Task<Void>> tasks = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                tasks.add(parker(lot, name, log));
            }
            Asyncio.yieldNow();
            log.add("in line: " + lot.size());
            lot.serveFirst("1");
            lot.serveFirst("2");
            Asyncio.yieldNow();
            log.add("in line: " + lot.size());
            lot.serveAll();
            assertThat(lot.serveFirst("none")).isNull();
            Asyncio.gather(tasks);
            return null;
        });
        assertThat(log).containsExactly("in line: 3", "a served 1", "b served 2", "in line: 1", "c served null");
    }

    @Test
    void refuseAllWakesEveryWaiterRefused() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            ParkingLot<String> lot = new ParkingLot<>();
            List<Task<Void>> tasks = List.of(parker(lot, "a", log), parker(lot, "b", log));
            Asyncio.yieldNow();
            log.add("refused " + lot.refuseAll());
            Asyncio.gather(tasks);
            assertThat(lot.isEmpty()).isTrue();
            return null;
        });
        assertThat(log).containsExactly("refused 2", "a refused", "b refused");
    }

    @Test
    void serveFirstPassesOverAWaiterWhoseCancellationIsPending() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            ParkingLot<String> lot = new ParkingLot<>();
            Task<Void> a = parker(lot, "a", log);
            Task<Void> b = parker(lot, "b", log);
            Asyncio.yieldNow();
            a.cancel();
            ParkingLot.Waiter<String> served = lot.serveFirst("x");
            log.add("served " + served.task().getName());
            Asyncio.gatherSettled(List.of(a, b));
            assertThat(lot.isEmpty()).isTrue();
            return null;
        });
        assertThat(log).containsExactly("served b", "a cancelled", "b served x");
    }

    @Test
    void aCancelledWaiterLeavesTheMiddleOfTheLine() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            ParkingLot<String> lot = new ParkingLot<>();
            Task<Void> a = parker(lot, "a", log);
            Task<Void> b = parker(lot, "b", log);
            Task<Void> c = parker(lot, "c", log);
            Asyncio.yieldNow();
            b.cancel();
            Asyncio.yieldNow();
            log.add("in line: " + lot.size());
            lot.serveAll();
            Asyncio.gatherSettled(List.of(a, b, c));
            return null;
        });
        assertThat(log).containsExactly("b cancelled", "in line: 2", "a served null", "c served null");
    }

    @Test
    void aWaiterPassedOverWhoseCancellationIsWithdrawnReturnsPassed() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            ParkingLot<String> lot = new ParkingLot<>();
            Task<Void> a = parker(lot, "a", log);
            Asyncio.yieldNow();
            a.cancel();
            log.add("served: " + lot.serveFirst("x"));
            a.uncancel();
            a.await();
            return null;
        });
        assertThat(log).containsExactly("served: null", "a passed");
    }

    @Test
    void aWaiterServedThenCancelledReturnsServedWithTheCancellationPending() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            ParkingLot<String> lot = new ParkingLot<>();
            Task<Void> a = Asyncio.createTask(() -> {
                ParkingLot.Waiter<String> w = lot.park("test.park", null);
                log.add("served " + w.value() + ", cancel pending " + Parking.cancelPending(w.task()));
            });
            Asyncio.yieldNow();
            lot.serveFirst("x");
            a.cancel();
            Asyncio.gatherSettled(List.of(a));
            return null;
        });
        assertThat(log).containsExactly("served x, cancel pending true");
    }

    @Test
    void aTaskAlreadyCancelledDoesNotPark() throws Exception {
        TestLoops.run(() -> {
            ParkingLot<String> lot = new ParkingLot<>();
            Task<Void> a = Asyncio.createTask(() -> {
                Asyncio.currentTask().cancel();
                lot.park("test.park", null);
            });
            assertThatThrownBy(a::await).isInstanceOf(CancelledError.class);
            assertThat(lot.isEmpty()).isTrue();
            return null;
        });
    }

    @Test
    void theBuildingBlocksKeepTheLineInOrderAndRefuseMisuse() {
        ParkingLot<String> lot = new ParkingLot<>();
        List<ParkingLot.Waiter<String>> ws = new ArrayList<>();
        for (String v : List.of("a", "b", "c", "d")) {
            ParkingLot.Waiter<String> w = new ParkingLot.Waiter<>(null, v);
            lot.add(w);
            ws.add(w);
        }
        assertThat(lot.remove(ws.get(2))).isTrue();
        assertThat(lot.remove(ws.get(2))).isFalse();
        assertThat(lot.remove(ws.get(0))).isTrue();
        assertThat(lot.size()).isEqualTo(2);
        assertThatThrownBy(() -> lot.add(ws.get(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("in line");
        ws.get(3).serve("served");
        assertThat(ws.get(3).inLine()).isFalse();
        assertThat(lot.peekFirst()).isSameAs(ws.get(1));
        assertThat(lot.pollFirst().value()).isEqualTo("b");
        assertThat(lot.pollFirst()).isNull();
        assertThatThrownBy(() -> ws.get(3).refuse())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already served");
        assertThatThrownBy(() -> lot.add(ws.get(3))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void parkingOutsideATaskFailsClearly() {
        ParkingLot<String> lot = new ParkingLot<>();
        assertThatThrownBy(() -> lot.park("MyPrimitive.await", null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MyPrimitive.await must be called from a task");
    }
}
