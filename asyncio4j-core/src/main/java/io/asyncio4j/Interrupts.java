package io.asyncio4j;

import io.asyncio4j.internal.loop.Signals;

/**
 * Ctrl-C for {@link Asyncio#run}, as asyncio.run does since 3.11: the first SIGINT cancels the main
 * task so its cleanup runs (and, if the CancelledError then reaches the main thread uncaught, the
 * JVM exits quietly with 130); a second one restores the JVM's handler and re-raises, which stops
 * the JVM at once. Installed only on the JVM's main thread, unless {@code -Dasyncio4j.sigint=false}.
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
                r = Signals.install("INT", new OnSigint(this));
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

    /** SIGINT's handler; a class, since a lambda would be generated at run time on every run's path. */
    private static final class OnSigint implements Runnable {
        private final Interrupts interrupts;

        OnSigint(Interrupts interrupts) {
            this.interrupts = interrupts;
        }

        @Override
        public void run() {
            interrupts.onSigint();
        }
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

    /**
     * When {@code e} ended the main task because of Ctrl-C, makes the calling (main) thread end the
     * JVM with status 130 and no stack trace if {@code e} reaches it uncaught: CPython exits the
     * same way after an uncaught KeyboardInterrupt, and so does a plain JVM on SIGINT. A program
     * that catches {@code e} goes on as usual.
     */
    void exitQuietlyIfUncaught(CancelledError e) {
        if (!interrupted || registration == null) {
            return;
        }
        Thread thread = Thread.currentThread();
        Thread.UncaughtExceptionHandler previous = thread.getUncaughtExceptionHandler();
        thread.setUncaughtExceptionHandler((t, x) -> {
            if (x == e) {
                Runtime.getRuntime().exit(SIGINT_EXIT_STATUS);
            } else {
                previous.uncaughtException(t, x);
            }
        });
    }

    /** 128 + SIGINT's number: what shells and the JVM report for a process ended by Ctrl-C. */
    private static final int SIGINT_EXIT_STATUS = 130;

    @Override
    public void close() {
        if (registration != null) {
            registration.restore();
        }
    }
}
