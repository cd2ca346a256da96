package io.asyncio4j;

import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A variable with a value per task: asyncio's {@code contextvars.ContextVar}. A new task starts with
 * a copy of its creator's values; setting a variable later changes only the task that sets it.
 *
 * {@snippet :
 * static final ContextVar<String> REQUEST_ID = ContextVar.of("request_id", "-");
 *
 * REQUEST_ID.set("r-42");
 * Asyncio.createTask(() -> log(REQUEST_ID.get())); // sees "r-42"
 * }
 *
 * <p>Outside a task the values belong to the thread; {@link Loop#run} and {@link Asyncio#run}
 * start the main task with the calling thread's values. A loop callback runs with the values of
 * whoever scheduled it ({@code callSoon}, {@code callLater}, {@code callSoonThreadsafe}), as
 * asyncio's handles do.
 *
 * @param <T> the value type
 */
public final class ContextVar<T> {
    /*
     * A context is an Object[] indexed by variable id, holding MISSING where unset. Contexts are
     * copy-on-write: a child task shares its parent's array, and set() replaces the setter's array
     * with a changed copy, so creating a task costs no copy at all.
     */
    private static final Object MISSING = new Object();
    static final Object[] EMPTY = new Object[0];
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final ThreadLocal<Object[]> OUTSIDE_TASKS = new ThreadLocal<>() {
        @Override
        protected Object[] initialValue() {
            return EMPTY;
        }
    };

    private final int index;
    private final String name;
    private final Object defaultValue;

    private ContextVar(String name, Object defaultValue) {
        this.index = IDS.getAndIncrement();
        this.name = Objects.requireNonNull(name, "name");
        this.defaultValue = defaultValue;
    }

    /** A variable without a default: {@link #get()} throws until it is set. */
    public static <T> ContextVar<T> of(String name) {
        return new ContextVar<>(name, MISSING);
    }

    /** A variable whose value is {@code defaultValue} until it is set. */
    public static <T> ContextVar<T> of(String name, T defaultValue) {
        return new ContextVar<>(name, defaultValue);
    }

    /** The variable's name. */
    public String name() {
        return name;
    }

    /**
     * The value in the current task (or thread).
     *
     * @throws NoSuchElementException if it was never set and has no default
     */
    @SuppressWarnings("unchecked")
    public T get() {
        Object v = lookup();
        if (v == MISSING) {
            throw new NoSuchElementException("context variable '" + name + "' is not set and has no default");
        }
        return (T) v;
    }

    /** The value in the current task (or thread), or {@code fallback} if it was never set. */
    @SuppressWarnings("unchecked")
    public T get(T fallback) {
        Object[] ctx = current();
        Object v = index < ctx.length ? ctx[index] : MISSING;
        return v == MISSING ? fallback : (T) v;
    }

    /** Sets the value for the current task (or thread); the token undoes it with {@link #reset}. */
    public Token<T> set(T value) {
        Object[] ctx = current();
        Object old = index < ctx.length ? ctx[index] : MISSING;
        Object[] copy = Arrays.copyOf(ctx, Math.max(ctx.length, index + 1));
        for (int i = ctx.length; i < copy.length; i++) {
            copy[i] = MISSING;
        }
        copy[index] = value;
        replace(copy);
        return new Token<>(this, old);
    }

    /**
     * Restores the value the variable had before the {@link #set} that returned {@code token}.
     *
     * @throws IllegalArgumentException if the token belongs to another variable
     */
    public void reset(Token<T> token) {
        if (token.var != this) {
            throw new IllegalArgumentException("the token was created by another ContextVar: " + token.var.name);
        }
        Object[] ctx = current();
        Object[] copy = Arrays.copyOf(ctx, Math.max(ctx.length, index + 1));
        for (int i = ctx.length; i < copy.length; i++) {
            copy[i] = MISSING;
        }
        copy[index] = token.oldValue;
        replace(copy);
    }

    /**
     * Runs {@code body} in the current task (or thread) with a copy of its context and returns its
     * result: what {@code body} sets is undone when it returns or throws, as asyncio's {@code
     * contextvars.copy_context().run(body)}. It costs nothing until {@code body} sets a variable
     * (contexts are copied on write). A server running one request after another in the same task
     * uses it so that one request's values never reach the next.
     *
     * {@snippet :
     * REQUEST_ID.set("-");
     * ContextVar.runInCopy(() -> {
     *     REQUEST_ID.set("r-42");
     *     return handle(request); // sees "r-42", and so do the tasks it creates
     * });
     * REQUEST_ID.get(); // "-" again
     * }
     */
    public static <T> T runInCopy(Coroutine<T> body) throws Exception {
        Objects.requireNonNull(body, "body");
        Object[] saved = current();
        try {
            return body.call();
        } finally {
            replace(saved);
        }
    }

    @Override
    public String toString() {
        return "ContextVar[" + name + "]";
    }

    /** What {@link #set} returns: the previous value, for {@link #reset}. */
    public static final class Token<T> {
        private final ContextVar<T> var;
        private final Object oldValue;

        private Token(ContextVar<T> var, Object oldValue) {
            this.var = var;
            this.oldValue = oldValue;
        }

        /** The variable this token belongs to. */
        public ContextVar<T> var() {
            return var;
        }
    }

    private Object lookup() {
        Object[] ctx = current();
        Object v = index < ctx.length ? ctx[index] : MISSING;
        return v == MISSING ? defaultValue : v;
    }

    private static Object[] current() {
        if (Thread.currentThread() instanceof LoopThread loopThread) {
            return loopThread.context;
        }
        Task<?> task = Task.current();
        return task != null ? task.context : OUTSIDE_TASKS.get();
    }

    private static void replace(Object[] ctx) {
        if (Thread.currentThread() instanceof LoopThread loopThread) {
            loopThread.context = ctx;
            return;
        }
        Task<?> task = Task.current();
        if (task != null) {
            task.context = ctx;
        } else {
            OUTSIDE_TASKS.set(ctx);
        }
    }

    /**
     * Makes {@code context} the current thread's (a loop callback's, or {@code toThread} work's);
     * returns the one to restore. Not for a task's thread.
     */
    static Object[] enter(Object[] context) {
        if (Thread.currentThread() instanceof LoopThread loopThread) {
            Object[] previous = loopThread.context;
            loopThread.context = context;
            return previous;
        }
        Object[] previous = OUTSIDE_TASKS.get();
        OUTSIDE_TASKS.set(context);
        return previous;
    }

    /** Restores what {@link #enter} replaced. */
    static void exit(Object[] previous) {
        if (Thread.currentThread() instanceof LoopThread loopThread) {
            loopThread.context = previous;
        } else {
            OUTSIDE_TASKS.set(previous);
        }
    }

    /** The context a task created by the current thread starts with. */
    static Object[] rootContext() {
        return current();
    }
}
