package io.asyncio4j.sync;

import io.asyncio4j.Task;
import io.asyncio4j.lowlevel.Parking;
import java.util.ArrayDeque;

/**
 * The FIFO of tasks blocked on a primitive, each with a flag the waker sets before waking it (the
 * lock handed over, the permit granted, the event seen). A task served and then cancelled still
 * completes its operation, so nothing handed to it is lost; one cancelled before being served
 * leaves the queue and throws.
 */
final class WaiterQueue {
    /** One blocked task. */
    static final class Node {
        final Task<?> task;
        boolean served;
        boolean broken;

        Node(Task<?> task) {
            this.task = task;
        }
    }

    private final ArrayDeque<Node> nodes = new ArrayDeque<>();

    boolean isEmpty() {
        return nodes.isEmpty();
    }

    int size() {
        return nodes.size();
    }

    /**
     * Parks the current task until served. Returns normally when served; throws CancelledError if
     * cancelled first (the node is removed), or returns false if the node was marked broken.
     */
    boolean await(String operation) {
        Task<?> me = Parking.currentTask(operation);
        Parking.checkCancelled(me);
        Node n = new Node(me);
        nodes.addLast(n);
        Parking.park(me);
        if (!n.served && !n.broken) {
            awaitSlow(n);
        }
        return n.served;
    }

    private void awaitSlow(Node n) {
        while (!n.served && !n.broken) {
            if (Parking.cancelPending(n.task)) {
                nodes.remove(n);
                throw Parking.cancelledError(n.task);
            }
            Parking.park(n.task);
        }
    }

    /** Serves and wakes the first waiter; returns false if there was none. */
    boolean serveFirst() {
        Node n = nodes.pollFirst();
        if (n == null) {
            return false;
        }
        n.served = true;
        Parking.unpark(n.task);
        return true;
    }

    /** Serves and wakes every waiter. */
    void serveAll() {
        while (serveFirst()) {
            // each woken in FIFO order
        }
    }

    /** Wakes every waiter as broken. */
    void breakAll() {
        Node n;
        while ((n = nodes.pollFirst()) != null) {
            n.broken = true;
            Parking.unpark(n.task);
        }
    }
}
