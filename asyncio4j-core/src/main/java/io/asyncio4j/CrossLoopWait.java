package io.asyncio4j;

/**
 * A task of one loop waiting for an awaitable of another: it parks on its own loop until the other
 * loop reports completion, so it stays cancellable (and its timeouts work). If the other loop
 * closes first, the task gets {@link LoopClosedException}, as a plain thread does.
 */
final class CrossLoopWait extends ForeignWaiter {
    private final Loop home;
    private final Awaitable<?> target;
    private final Future<Object> arrived;

    private CrossLoopWait(Loop home, Awaitable<?> target) {
        this.home = home;
        this.target = target;
        this.arrived = new Future<>(home);
    }

    /**
     * Parks {@code me} until {@code target}, of another loop, is done. A cancellation of {@code me}
     * is passed on to {@code target} when {@code propagateCancel}; {@code me} then throws {@link
     * CancelledError} at once.
     */
    static void await(Awaitable<?> target, Task<?> me, boolean propagateCancel) {
        CrossLoopWait relay = new CrossLoopWait(me.loop, target);
        Loop other = target.loop;
        other.callSoonThreadsafe(() -> {
            if (target.isDone()) {
                relay.arrived(target);
            } else {
                other.outside.addWaiter(relay);
                target.addWaiter(relay);
            }
        });
        try {
            relay.arrived.waitDone(false);
        } catch (CancelledError e) {
            if (propagateCancel) {
                String why = me.cancelMessage();
                try {
                    other.callSoonThreadsafe(() -> target.cancel(why));
                } catch (LoopClosedException closed) {
                    // nothing left to cancel
                }
            }
            throw e;
        }
        if (relay.arrived.state() == Awaitable.FAILED) {
            throw (LoopClosedException) relay.arrived.rawOutcome();
        }
    }

    @Override
    void arrived(Awaitable<?> awaitable) {
        post(() -> arrived.setResult(null));
    }

    @Override
    void abandon() {
        LoopClosedException error = neverCompletes(target);
        post(() -> arrived.setException(error));
    }

    private void post(Runnable outcome) {
        try {
            home.callSoonThreadsafe(() -> {
                if (!arrived.isDone()) {
                    outcome.run();
                }
            });
        } catch (LoopClosedException e) {
            // the waiting task went away with its loop
        }
    }
}
