package io.asyncio4j;

import io.asyncio4j.internal.Log;
import io.asyncio4j.internal.io.SelectorDriver;
import io.asyncio4j.internal.loop.Cycle;
import io.asyncio4j.internal.loop.DefaultExecutor;
import io.asyncio4j.internal.loop.FailureTracker;
import io.asyncio4j.internal.loop.SignalHandlers;
import io.asyncio4j.internal.loop.Watchdog;
import io.asyncio4j.internal.sched.Inbox;
import io.asyncio4j.internal.sched.VirtualThreads;
import io.asyncio4j.internal.timer.TimerQueue;
import io.asyncio4j.lowlevel.Clock;
import io.asyncio4j.lowlevel.Handle;
import io.asyncio4j.lowlevel.TimerHandle;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An event loop: one platform thread that runs tasks, callbacks and timers; asyncio's event loop
 * and {@code Runner} in one.
 *
 * {@snippet :
 * try (Loop loop = Loop.open()) {
 *     String answer = loop.run(() -> {
 *         Asyncio.sleep(Duration.ofMillis(10));
 *         return "done";
 *     });
 * }
 * }
 *
 * <p>Most programs use {@link Asyncio#run(Coroutine)}, which opens a loop, runs the main coroutine
 * and closes the loop. All methods except {@link #run}, {@link #submit}, {@link
 * #callSoonThreadsafe}, {@link #time()} and {@link #close()} must be called on the loop (from one of
 * its tasks or callbacks); from another thread they throw {@link IllegalStateException}.
 */
public final class Loop implements AutoCloseable {
    /*
     * Implementation overview.
     *
     * The loop thread ("aio-loop-N", a platform thread: LoopThread) repeats one cycle until the loop
     * closes: move what other threads handed in to the ready queue, fire due timers, run what is
     * ready, and wait in the selector when nothing is (internal.loop.Cycle draws it). Ready entries
     * are the JDK's continuations of our tasks' virtual threads (the loop is their scheduler: see
     * VirtualThreads and TaskBody) and callSoon callbacks. A task runs until it parks; the JDK then
     * returns to the loop thread, which runs the next entry.
     *
     * Threads. The ready queue, the timers, the live-task list and every Task and Future field are
     * touched by the loop thread only, without locks. Other threads reach the loop through the Inbox
     * (internal.sched: a lock-free queue, and a wake-up of the selector only when the loop is in
     * select, so a busy loop pays no syscall per cross-thread submit; guarded by SubmitBench).
     *
     * A JDK thread submits too: a task parked in Thread.sleep, a JDK socket or a CompletableFuture is
     * unparked by the JDK's own threads, whose execute() lands in the inbox.
     *
     * Parts. This class is the public face and the lifecycle; each job it hands off has a file of
     * its own. Those under internal never call back into this one except through the functions they
     * are given:
     *
     *   LoopThread                    the thread's life: warm-up, cycles, closing; the parts' Owner
     *   internal.loop.Cycle           the loop thread's half: ready queue, timers, the cycle, idling
     *   internal.sched.Inbox          the thread-safe half: cross-thread hand-off, wake-up, spin
     *   internal.io.SelectorDriver    the selector, IoRegistration per channel, readiness callbacks
     *   LoopIo                        tasks parked until their channel is ready; addReader/addWriter
     *   SockOps                       asyncio's sock_* methods, which the public ones delegate to
     *   internal.timer.TimerQueue     the timers (WakeTimer, CallbackTimer and Timeout's expiry
     *                                 stay in this package: they call package-private members)
     *   LiveTasks                     creating and starting tasks; the tasks not ended yet
     *   OutsideCalls                  run and submit from other threads; waiters outside the loop
     *   LoopClosing                   cancelling the live tasks at close, then shutting down
     *   internal.loop.FailureTracker  exceptions never retrieved
     *   internal.loop.Watchdog        debug mode: slow entries and stalls
     *   internal.loop.DefaultExecutor toThread's pool
     *   internal.loop.SignalHandlers  this loop's signal handlers, undone at close
     *   TaskDump                      dumpTasks and the task table
     *
     * Start-up. Everything on the path of Loop.open and Asyncio.run is paid by every program, most
     * of which live a second or less, in a JVM that still interprets. So that path generates no
     * class at run time (no lambda, method reference or indy string concatenation: the core is
     * compiled with -XDstringConcat=inline; the parts call back through Owner interfaces that
     * LoopThread implements) and touches neither JMX (LoopManagement registers a moment later, on
     * a daemon thread), the logging back end (internal.Log) nor JFR beyond one flag. ForkedJvmTest
     * checks it on a hello world.
     *
     * Fields are grouped below by the thread that may touch them.
     */
    private static final AtomicInteger LOOP_IDS = new AtomicInteger();

    // ---- Final once constructed; read by any thread. ----
    private final String name;
    private final LoopThread thread;
    private final Clock clock;
    final boolean debug;
    /** Counted down once the warm-up task has ended (or the loop thread failed before that). */
    final CountDownLatch warmedUp = new CountDownLatch(1);
    /** Counted down once the loop thread has shut everything down; close() waits for it. */
    final CountDownLatch terminated = new CountDownLatch(1);
    /** The loop's MBean: registered on a daemon thread a moment after open, under its own lock. */
    final LoopManagement management = new LoopManagement(this);

    // ---- Any thread. ----
    /** What other threads hand in, and the selector wake-up: lock-free, the thread-safe half. */
    final Inbox inbox;
    /** Null: log (see reportError). Replaced from any thread, read where an error is reported. */
    private volatile Consumer<ErrorContext> exceptionHandler;

    /*
     * lifecycle (volatile: other threads read it to refuse work; written under `this` or by the loop):
     *
     *   OPEN    -> CLOSING  close() (any thread but the loop's), or 100 failed cycles in a row: live
     *                       tasks are cancelled; the cycle goes on until none is left (LoopClosing.step)
     *   CLOSING -> CLOSED   loop thread, in LoopClosing.finish(): the default executor is shut down,
     *                       never-retrieved exceptions are reported, the selector is closed and
     *                       the thread ends
     *
     * A task created while CLOSING starts cancelled. Work handed to a CLOSED loop is refused with
     * LoopClosedException.
     */
    private volatile int lifecycle = OPEN;

    private static final int OPEN = 0;
    private static final int CLOSING = 1;
    private static final int CLOSED = 2;

    // ---- Loop thread only, without locks (stats() reads counters racily). ----
    /** The ready queue, the timers and the cycle: the loop thread's half of scheduling. */
    final Cycle cycle;
    /** The channels: tasks waiting for readiness, reader and writer callbacks. */
    final LoopIo io;
    /** The tasks not ended yet; the loop keeps each reachable until it ends. */
    final LiveTasks liveTasks = new LiveTasks(this);
    /** Tasks run or submitted from other threads, and waiters outside the loop. */
    final OutsideCalls outside = new OutsideCalls(this);
    /** Failed tasks and futures whose exception nobody has retrieved yet. */
    final FailureTracker failures;
    /** toThread's pool, created at its first use and shut down at close. */
    final DefaultExecutor defaultExecutor;
    /** The signal handlers this loop installed. */
    private final SignalHandlers signalHandlers = new SignalHandlers();
    /** Closing: cancelling the live tasks, then shutting down. */
    final LoopClosing closing = new LoopClosing(this);

    // ---- Debug mode only, else null: the watchdog thread reads what the loop thread writes. ----
    private final Watchdog watchdog;

    /**
     * What the exception handler receives: asyncio's exception-handler context.
     *
     * @param message what went wrong
     * @param exception the exception, or null
     * @param task the task concerned, or null: for a callback, and for a task whose exception was
     *     never retrieved and that was reported once garbage-collected
     */
    public record ErrorContext(String message, Throwable exception, Task<?> task) {}

    private Loop(LoopOptions options) {
        int id = LOOP_IDS.incrementAndGet();
        this.name = options.name() != null ? options.name() : "aio-loop-" + id;
        this.clock = options.clock();
        this.debug = options.debug();
        this.exceptionHandler = options.exceptionHandler();
        this.defaultExecutor = new DefaultExecutor(name, options.executorThreads());
        VirtualThreads.checkAvailable();
        // The loop thread answers what the parts ask of the loop (their Owners), so that none of
        // them needs a lambda: each would be a class generated at run time, on the path of open.
        this.thread = new LoopThread(this, name);
        this.watchdog = debug
                ? new Watchdog(
                        name,
                        options.slowCallbackDuration().toNanos(),
                        this::refusesWork,
                        thread::sampleRunningStack,
                        (message, where) -> reportError(message, where, null))
                : null;
        this.inbox = new Inbox(thread);
        SelectorDriver<Task<?>> selector = new SelectorDriver<>(thread, inbox);
        this.io = new LoopIo(this, selector);
        this.failures = new FailureTracker(thread);
        this.cycle = new Cycle(thread, clock, inbox, selector, failures, watchdog);
    }

    /** Opens a loop with the default options and starts its thread. */
    public static Loop open() {
        return open(LoopOptions.defaults());
    }

    /**
     * Opens a loop and starts its thread.
     *
     * @throws IllegalStateException if the JVM lacks {@code --add-opens java.base/java.lang=...}; the
     *     message names the flag
     */
    public static Loop open(LoopOptions options) {
        Loop loop = new Loop(Objects.requireNonNull(options, "options"));
        loop.thread.start();
        // No user code runs before a virtual thread of this JVM has gone through its whole life.
        awaitUninterruptibly(loop.warmedUp);
        loop.management.register();
        if (loop.watchdog != null) {
            loop.watchdog.start();
        }
        return loop;
    }

    /** The loop running on the current thread (from a task or a callback), or null. */
    static Loop currentOrNull() {
        Task<?> task = Task.current();
        if (task != null) {
            return task.loop;
        }
        return Thread.currentThread() instanceof LoopThread lt ? lt.loop : null;
    }

    // ---- running and closing ----

    /**
     * Runs {@code main} as a task on this loop and waits for it; returns its result or throws its
     * exception unwrapped. The loop stays open for further calls; asyncio's {@code
     * Runner.run}.
     *
     * @throws IllegalStateException if called from inside a running loop
     * @throws InterruptedException if the calling thread is interrupted while waiting; the main task
     *     is cancelled and awaited first. A thread already interrupted when it calls gets it at
     *     once, and {@code main} does not run.
     */
    public <T> T run(Coroutine<T> main) throws Exception {
        Objects.requireNonNull(main, "main");
        if (currentOrNull() != null) {
            throw new IllegalStateException("Loop.run() and Asyncio.run() cannot be called from inside a running"
                    + " loop; create a task (Asyncio.createTask) and await it instead");
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("the thread calling Loop.run was interrupted; main was not started");
        }
        Task<T> task = outside.createTask(main);
        try {
            task.awaitFromOutside();
        } catch (InterruptedException e) {
            callSoonThreadsafe(() -> task.cancel("the thread waiting in Loop.run was interrupted"));
            task.waitDone(false);
            throw e;
        }
        return task.report();
    }

    /**
     * Runs {@code coro} as a task of this loop, from any thread: asyncio's {@code
     * run_coroutine_threadsafe}. Cancelling the returned future cancels the task. The future
     * completes with the task's result, or exceptionally with its exception (a {@link
     * CancelledError} if it was cancelled).
     *
     * @throws LoopClosedException if the loop is closed
     */
    public <T> CompletableFuture<T> submit(Coroutine<T> coro) {
        Objects.requireNonNull(coro, "coro");
        return outside.submit(coro);
    }

    /** Like {@link #submit(Coroutine)} for a body without a result. */
    public CompletableFuture<Void> submit(AsyncRunnable body) {
        Objects.requireNonNull(body, "body");
        return submit(body.asCoroutine());
    }

    /**
     * Closes the loop: cancels the tasks still running and waits until they have ended (their
     * {@code finally} blocks run), shuts the default executor down, reports exceptions never
     * retrieved, and closes the selector. Closing twice is harmless.
     *
     * <p>The tasks get a {@link CancelledError} with the message "the loop is closing" and, unlike
     * other cancellations, no stack trace; it is one error shared by all of them, so suppressed
     * exceptions added to it are dropped. A loop may close with a million parked tasks, and an error
     * and a trace for each would cost more than the rest of the close.
     *
     * @throws IllegalStateException if called from inside this loop
     */
    @Override
    public void close() {
        if (isLoopThread()) {
            throw new IllegalStateException("a loop cannot close itself from one of its tasks or callbacks; close it"
                    + " from the thread that opened it (or let Asyncio.run close it)");
        }
        if (startClosing()) {
            inbox.poke();
        }
        awaitUninterruptibly(terminated);
    }

    /** OPEN -> CLOSING; returns whether this call made the move. Any thread. */
    boolean startClosing() {
        if (lifecycle == OPEN) {
            synchronized (this) {
                if (lifecycle == OPEN) {
                    lifecycle = CLOSING;
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the loop is cancelling its tasks and waiting for them to end. */
    boolean isClosing() {
        return lifecycle == CLOSING;
    }

    /** CLOSING -> CLOSED: from here on the loop refuses work. Loop thread, in LoopClosing.finish. */
    void markClosed() {
        lifecycle = CLOSED;
    }

    /** Whether the loop is CLOSED: it refuses work, and nothing it holds will complete any more. */
    boolean refusesWork() {
        return lifecycle == CLOSED;
    }

    /** Waits for {@code latch}, keeping the caller's interrupt for afterwards. */
    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return lifecycle != OPEN;
    }

    /** The loop's name, also the name of its thread. */
    public String name() {
        return name;
    }

    /** The current loop time in nanoseconds (monotonic; from the loop's clock). Any thread. */
    public long time() {
        return clock.nanoTime();
    }

    // ---- tasks ----

    /** Creates a task running {@code coro}, named {@code Task-N}. */
    public <T> Task<T> createTask(Coroutine<T> coro) {
        return createTask(null, coro);
    }

    /**
     * Creates a task running {@code coro}; it starts at the loop's next cycle (asyncio's {@code
     * create_task}).
     *
     * @param name the task's name, or null for {@code Task-N}
     */
    public <T> Task<T> createTask(String name, Coroutine<T> coro) {
        Objects.requireNonNull(coro, "coro");
        return createTaskOf(name, coro);
    }

    /** Like {@link #createTask(Coroutine)} for a body without a result. */
    public Task<Void> createTask(AsyncRunnable body) {
        return createTask(null, body);
    }

    /** Like {@link #createTask(String, Coroutine)} for a body without a result. */
    public Task<Void> createTask(String name, AsyncRunnable body) {
        Objects.requireNonNull(body, "body");
        return createTask(name, body.asCoroutine());
    }

    /** Creates a task whose body is a {@link Coroutine} or an {@link AsyncRunnable}. */
    <T> Task<T> createTaskOf(String name, Object body) {
        return createTaskOf(name, null, body);
    }

    /** Creates a task with {@code context}, or the creating task's when null (see LiveTasks.spawn). */
    <T> Task<T> createTaskOf(String name, Object[] context, Object body) {
        Objects.requireNonNull(body, "body");
        checkThread("createTask");
        if (lifecycle == CLOSED) {
            throw closedError("createTask");
        }
        return liveTasks.spawn(name, context, body);
    }

    /** The tasks of this loop that have not ended yet (asyncio's {@code all_tasks}). */
    public List<Task<?>> allTasks() {
        checkThread("allTasks");
        return liveTasks.list();
    }
    // ---- callbacks and timers ----

    /** Runs {@code callback} on the loop at its next cycle, after those scheduled before it. */
    public Handle callSoon(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        checkThread("callSoon");
        if (lifecycle == CLOSED) {
            throw closedError("callSoon");
        }
        Callback handle = new Callback(callback);
        cycle.add(handle);
        return handle;
    }

    /** Like {@link #callSoon(Runnable)} with the given {@link ContextVar} values. Loop thread only. */
    void callSoon(Runnable callback, Object[] context) {
        cycle.add(new Callback(callback, context));
    }

    /**
     * Runs {@code callback} on the loop, from any thread; wakes the loop if it is waiting.
     *
     * @throws LoopClosedException if the loop is closed
     */
    public Handle callSoonThreadsafe(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        if (lifecycle == CLOSED) {
            throw closedError("callSoonThreadsafe");
        }
        Callback handle = new Callback(callback);
        try {
            schedule(handle);
        } catch (RejectedExecutionException e) {
            throw closedError("callSoonThreadsafe");
        }
        return handle;
    }

    /** Runs {@code callback} on the loop after {@code delay} of loop time. */
    public TimerHandle callLater(Duration delay, Runnable callback) {
        return callAt(deadlineAfter(delay), callback);
    }

    /** Runs {@code callback} on the loop when {@link #time()} reaches {@code when}. */
    public TimerHandle callAt(long when, Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        checkThread("callAt");
        if (lifecycle == CLOSED) {
            throw closedError("callAt");
        }
        CallbackTimer timer = new CallbackTimer(this, callback);
        cycle.addTimer(timer, when);
        return timer;
    }

    /** The loop time {@code delay} from now, saturating instead of overflowing either way. */
    long deadlineAfter(Duration delay) {
        return TimerQueue.deadlineAfter(clock.nanoTime(), delay);
    }

    /** The loop's default executor for {@code toThread}: bounded, named platform threads. */
    Executor defaultExecutor() {
        if (lifecycle == CLOSED) {
            throw closedError("toThread");
        }
        return defaultExecutor.get();
    }

    // ---- errors and signals ----

    /**
     * Replaces the exception handler (see {@link LoopOptions#exceptionHandler}); asyncio's {@code
     * set_exception_handler}. Any thread.
     */
    public void setExceptionHandler(Consumer<ErrorContext> handler) {
        exceptionHandler = Objects.requireNonNull(handler, "handler");
    }

    /**
     * Runs {@code callback} on this loop whenever the process receives signal {@code signal} (like
     * {@code "SIGTERM"} or {@code "HUP"}); asyncio's {@code add_signal_handler}. Replaces an earlier
     * handler of the same signal. When several loops handle one signal, the loop that added its
     * handler last receives it; once that handler is removed (or its loop closed), the signal goes
     * back to the latest handler left, so closing one loop never silences another.
     *
     * @throws IllegalArgumentException if the JVM reserves the signal (SIGQUIT, SIGSEGV, ...) or
     *     does not know it
     */
    public void addSignalHandler(String signal, Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        checkThread("addSignalHandler");
        signalHandlers.put(signal, () -> callSoonThreadsafe(callback));
    }

    /**
     * Removes the handler of {@code signal} added by {@link #addSignalHandler}, restoring the one
     * before it.
     *
     * @return whether there was one
     */
    public boolean removeSignalHandler(String signal) {
        checkThread("removeSignalHandler");
        return signalHandlers.remove(signal);
    }

    /** At close: every signal goes back to the handler it had before this loop's. */
    void restoreSignalHandlers() {
        signalHandlers.removeAll();
    }

    /**
     * Sends an error nobody else can handle to the loop's exception handler; asyncio's {@code
     * call_exception_handler}.
     */
    public void reportError(String message, Throwable exception, Task<?> task) {
        Consumer<ErrorContext> handler = exceptionHandler;
        if (handler == null) {
            logError(new ErrorContext(message, exception, task));
            return;
        }
        try {
            handler.accept(new ErrorContext(message, exception, task));
        } catch (Throwable t) {
            Log.core().log(System.Logger.Level.ERROR, "the exception handler of loop " + name + " failed", t);
            logError(new ErrorContext(message, exception, task));
        }
    }

    private static void logError(ErrorContext context) {
        Log.core().log(System.Logger.Level.WARNING, context.message(), context.exception());
    }

    // ---- thread checks ----

    /** Whether the caller runs on this loop: its thread, or one of its tasks. */
    boolean isLoopThread() {
        if (Thread.currentThread() == thread) {
            return true;
        }
        Task<?> task = Task.current();
        return task != null && task.loop == this;
    }

    void checkThread(String operation) {
        if (!isLoopThread()) {
            throw new IllegalStateException(operation + " must be called on loop '" + name
                    + "' (from one of its tasks or callbacks), but was called from thread '"
                    + Thread.currentThread().getName()
                    + "'; from another thread use loop.callSoonThreadsafe(...) or loop.submit(...)");
        }
    }

    private LoopClosedException closedError(String operation) {
        return new LoopClosedException(operation + ": loop '" + name + "' is closed");
    }

    // ---- the scheduler ----

    /** Queues a task's continuation (see TaskBody) or a callSoonThreadsafe callback. Any thread. */
    void schedule(Runnable r) {
        if (isLoopThread()) {
            cycle.add(r);
        } else {
            if (lifecycle == CLOSED) {
                throw new RejectedExecutionException("loop '" + name + "' is closed");
            }
            inbox.add(r);
            if (lifecycle == CLOSED && inbox.remove(r)) {
                // the loop closed meanwhile and will not drain the inbox again
                throw new RejectedExecutionException("loop '" + name + "' is closed");
            }
            inbox.wakeUp();
        }
    }

    // ---- I/O readiness (see LoopIo) ----

    /**
     * Runs {@code callback} on this loop every time {@code channel} is readable (or, for a server
     * channel, has a connection to accept), until {@link #removeReader}: asyncio's {@code
     * add_reader}, so other NIO code can live on the loop. Replaces an earlier reader callback.
     *
     * @throws java.nio.channels.IllegalBlockingModeException if the channel is in blocking mode
     * @throws IOException if the channel is closed
     * @throws IllegalStateException if a task is waiting to read the channel ({@code IoWait})
     */
    public void addReader(SelectableChannel channel, Runnable callback) throws IOException {
        io.setCallback(channel, true, Objects.requireNonNull(callback, "callback"));
    }

    /** Like {@link #addReader}, for writability: asyncio's {@code add_writer}. */
    public void addWriter(SelectableChannel channel, Runnable callback) throws IOException {
        io.setCallback(channel, false, Objects.requireNonNull(callback, "callback"));
    }

    /**
     * Stops the reader callback of {@code channel}.
     *
     * @return whether there was one
     */
    public boolean removeReader(SelectableChannel channel) throws IOException {
        return io.removeCallback(channel, true);
    }

    /**
     * Stops the writer callback of {@code channel}.
     *
     * @return whether there was one
     */
    public boolean removeWriter(SelectableChannel channel) throws IOException {
        return io.removeCallback(channel, false);
    }

    // ---- asyncio's sock_* methods on plain NIO channels ----

    /**
     * Accepts a connection on {@code server}, parking the calling task until one arrives: asyncio's
     * {@code sock_accept}. The accepted channel is non-blocking, ready for the other {@code sock}
     * methods; its peer is {@code getRemoteAddress()}.
     *
     * <p><b>Cancellation.</b> Stops waiting with {@link CancelledError}; no connection is taken.
     *
     * @throws IllegalArgumentException if {@code server} is in blocking mode
     * @throws IllegalStateException if not called from a task of this loop, or another task already
     *     waits on {@code server}
     */
    public SocketChannel sockAccept(ServerSocketChannel server) throws IOException {
        return SockOps.accept(this, server);
    }

    /**
     * Connects {@code channel} to {@code address}, parking the calling task until the connection is
     * made: asyncio's {@code sock_connect}. An unresolved address is resolved first, off the loop
     * ({@link io.asyncio4j.net.Resolver#system()}), and its first answer is used.
     *
     * <p><b>Cancellation.</b> Stops waiting with {@link CancelledError}; the channel is left with
     * its connection pending: close it.
     *
     * @throws java.net.ConnectException if the peer refuses
     * @throws IllegalArgumentException if {@code channel} is in blocking mode
     * @throws IllegalStateException if not called from a task of this loop
     */
    public void sockConnect(SocketChannel channel, SocketAddress address) throws IOException {
        SockOps.connect(this, channel, address);
    }

    /**
     * Reads up to {@code max} bytes, parking the calling task until some arrive: asyncio's {@code
     * sock_recv}.
     *
     * <p><b>Cancellation.</b> Stops waiting with {@link CancelledError}; no data is consumed.
     *
     * @return the bytes read; empty at end of stream (or when {@code max} is 0)
     * @throws IllegalArgumentException if {@code channel} is in blocking mode or {@code max < 0}
     * @throws IllegalStateException if not called from a task of this loop
     */
    public byte[] sockRecv(SocketChannel channel, int max) throws IOException {
        return SockOps.recv(this, channel, max);
    }

    /**
     * Reads into {@code buffer}, parking the calling task until some bytes arrive: asyncio's {@code
     * sock_recv_into}.
     *
     * <p><b>Cancellation.</b> As {@link #sockRecv}.
     *
     * @return how many bytes were read; -1 at end of stream (NIO's convention; asyncio returns 0);
     *     0 only when {@code buffer} has no room
     */
    public int sockRecvInto(SocketChannel channel, ByteBuffer buffer) throws IOException {
        return SockOps.recvInto(this, channel, buffer);
    }

    /**
     * Writes all of {@code data}, parking the calling task whenever the socket's send buffer is
     * full: asyncio's {@code sock_sendall}.
     *
     * <p><b>Cancellation.</b> Stops with {@link CancelledError}; the buffer's position tells how much
     * was sent (asyncio cannot tell).
     *
     * @throws IllegalArgumentException if {@code channel} is in blocking mode
     * @throws IllegalStateException if not called from a task of this loop
     */
    public void sockSendall(SocketChannel channel, ByteBuffer data) throws IOException {
        SockOps.sendAll(this, channel, data);
    }

    /** Writes all of {@code data}; as {@link #sockSendall(SocketChannel, ByteBuffer)}. */
    public void sockSendall(SocketChannel channel, byte[] data) throws IOException {
        SockOps.sendAll(this, channel, ByteBuffer.wrap(data));
    }

    /**
     * Receives one datagram of at most {@code max} bytes (the rest of a longer one is lost),
     * parking the calling task until one arrives: asyncio's {@code sock_recvfrom}.
     *
     * <p><b>Cancellation.</b> Stops waiting with {@link CancelledError}; no datagram is taken.
     */
    public io.asyncio4j.net.Datagram sockRecvfrom(java.nio.channels.DatagramChannel channel, int max)
            throws IOException {
        return SockOps.recvfrom(this, channel, max);
    }

    /**
     * Receives one datagram into {@code buffer} and returns its sender: asyncio's {@code
     * sock_recvfrom_into}. Cancellation as {@link #sockRecvfrom}.
     */
    public SocketAddress sockRecvfromInto(java.nio.channels.DatagramChannel channel, ByteBuffer buffer)
            throws IOException {
        return SockOps.recvfromInto(this, channel, buffer, "sockRecvfromInto");
    }

    /**
     * Sends the remaining bytes of {@code data} as one datagram to {@code target} (an unresolved
     * address is resolved off the loop), parking while the send buffer is full: asyncio's {@code
     * sock_sendto}. Returns the number of bytes sent.
     *
     * <p><b>Cancellation.</b> Stops waiting with {@link CancelledError}; nothing is sent.
     */
    public int sockSendto(java.nio.channels.DatagramChannel channel, ByteBuffer data, SocketAddress target)
            throws IOException {
        return SockOps.sendto(this, channel, data, target);
    }

    /**
     * Sends {@code count} bytes of {@code file} from {@code offset} ({@code count < 0}: to its end)
     * with the kernel's zero-copy {@code transferTo}, parking while the socket's buffer is full:
     * asyncio's {@code sock_sendfile}. Returns the bytes sent (fewer when the file is shorter) and
     * leaves the file's position after them.
     *
     * <p><b>Cancellation.</b> Stops with {@link CancelledError}; the file's position tells how far
     * it was sent.
     */
    public long sockSendfile(SocketChannel channel, java.nio.channels.FileChannel file, long offset, long count)
            throws IOException {
        return SockOps.sendfile(this, channel, file, offset, count);
    }

    // ---- introspection ----

    /** A snapshot of the loop's counters. Any thread; approximate from other threads. */
    public LoopStats stats() {
        return new LoopStats(
                liveTasks.created(),
                liveTasks.finished(),
                liveTasks.count(),
                cycle.readyCount(),
                cycle.lagNanos() / 1000,
                cycle.selectorWakeups(),
                cycle.cycles());
    }

    /**
     * The live tasks as a tree, each child under the task that created it, with its state (running,
     * ready, waiting, blocked in a JDK call), in debug mode how long it has been in that state, and
     * the stack it is parked at: Python 3.14's {@code asyncio pstree}. Any thread: from another
     * thread the dump is taken on the loop (or, if the loop does not answer within a second because
     * something holds its thread, read as is).
     */
    public String dumpTasks() {
        return dumpTasks(false);
    }

    /** {@link #dumpTasks()}; with {@code allFrames} the library's own frames are shown too. */
    String dumpTasks(boolean allFrames) {
        return TaskDump.dump(this, allFrames);
    }

    /** One row per live task, oldest first (see {@link io.asyncio4j.lowlevel.LoopMXBean#taskTable()}). */
    List<io.asyncio4j.lowlevel.TaskInfo> taskTable() {
        return TaskDump.table(this);
    }

    @Override
    public String toString() {
        return "Loop[" + name + (lifecycle == OPEN ? "" : lifecycle == CLOSING ? ", closing" : ", closed") + "]";
    }
}
