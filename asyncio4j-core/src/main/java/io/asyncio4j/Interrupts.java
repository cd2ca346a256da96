package io.asyncio4j;

import io.asyncio4j.internal.loop.Signals;

/**
 * Ctrl-C for {@link Asyncio#run}, as asyncio.run does since 3.11: the first SIGINT cancels the main
 * task so its cleanup runs; a second one restores the JVM's handler and re-raises, which stops the
 * JVM at once. Installed only on the JVM's main thread, unless {@code -Dasyncio4j.sigint=false}.
 */
final class Interrupts implements AutoCloseable {
    private final Loop loop;
    private final Signals.Registration registration;
    private volatile Task<?> main;
    private volatile boolean interrupted;

    private Interrupts(Loop loop, boolean install) {
        this.loop = loop;
        Signals.Registration r = null;
        if (install) {
            try {
                r = Signals.install("INT", this::onSigint);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                r = null;
            }
        }
        this.registration = r;
    }

    static Interrupts install(Loop loop) {
        boolean wanted = "main".equals(Thread.currentThread().getName())
                && !"false".equals(System.getProperty("asyncio4j.sigint"));
        return new Interrupts(loop, wanted);
    }

    void mainStarted(Task<?> task) {
        main = task;
    }

    private void onSigint() {
        Task<?> task = main;
        if (interrupted || task == null) {
            registration.restore();
            Signals.raise("INT");
            return;
        }
        interrupted = true;
        try {
            loop.callSoonThreadsafe(() -> task.cancel("interrupted by SIGINT (Ctrl-C)"));
        } catch (LoopClosedException e) {
            // the program is ending anyway
        }
    }

    @Override
    public void close() {
        if (registration != null) {
            registration.restore();
        }
    }
}
