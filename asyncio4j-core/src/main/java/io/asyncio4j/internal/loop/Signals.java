package io.asyncio4j.internal.loop;

import java.lang.invoke.LambdaConversionException;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * POSIX signal handlers through {@code sun.misc.Signal} (module {@code jdk.unsupported}). The JVM
 * runs handlers on its own signal thread; callers hand the work to a loop from there.
 *
 * <p>The classes are reached by name: javac warns about every direct use of {@code sun.misc} and
 * the warning cannot be suppressed, while main code compiles with warnings as errors. A handler is
 * made as a lambda is ({@link LambdaMetafactory}), not with {@code java.lang.reflect.Proxy}, whose
 * first use generates its classes with the class-file API (about 100 classes and 10-20 ms on the
 * path of every {@code Asyncio.run}, which installs a SIGINT handler).
 */
public final class Signals {
    /** Makes a {@code sun.misc.SignalHandler} that dispatches to a {@link Slot}. */
    private static final MethodHandle NEW_HANDLER;

    private static final MethodHandle NEW_SIGNAL;
    private static final MethodHandle HANDLE;
    private static final MethodHandle RAISE;
    private static final Throwable UNAVAILABLE;

    static {
        MethodHandle newHandler = null;
        MethodHandle newSignal = null;
        MethodHandle handle = null;
        MethodHandle raise = null;
        Throwable unavailable = null;
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            newSignal = lookup.findConstructor(signal, MethodType.methodType(void.class, String.class));
            handle = lookup.findStatic(signal, "handle", MethodType.methodType(handler, signal, handler));
            raise = lookup.findStatic(signal, "raise", MethodType.methodType(void.class, signal));
            MethodHandles.Lookup self = MethodHandles.lookup();
            MethodType handleType = MethodType.methodType(void.class, signal);
            newHandler = LambdaMetafactory.metafactory(
                            self,
                            "handle",
                            MethodType.methodType(handler, Slot.class),
                            handleType,
                            self.findVirtual(Slot.class, "dispatch", MethodType.methodType(void.class, Object.class)),
                            handleType)
                    .getTarget();
        } catch (ReflectiveOperationException | LambdaConversionException | RuntimeException | LinkageError e) {
            unavailable = e;
        }
        NEW_HANDLER = newHandler;
        NEW_SIGNAL = newSignal;
        HANDLE = handle;
        RAISE = raise;
        UNAVAILABLE = unavailable;
    }

    private Signals() {}

    /** Undoes one {@link #install}. */
    public interface Registration {
        /** Restores the handler that was there before. */
        void restore();
    }

    /**
     * Runs {@code onSignal} on the JVM's signal thread whenever signal {@code name} (like {@code
     * "INT"} or {@code "SIGTERM"}) arrives.
     *
     * <p>Registrations of one signal form a stack shared by the whole JVM: the latest one receives
     * the signal; removing it, in any order, gives the signal back to the latest one left, and the
     * JVM's own handler returns when none is left. So one loop closing never takes the signal away
     * from another.
     *
     * @throws IllegalArgumentException if the signal is unknown or reserved by the JVM
     * @throws UnsupportedOperationException if this JVM has no {@code sun.misc.Signal}
     */
    public static Registration install(String name, Runnable onSignal) {
        if (UNAVAILABLE != null) {
            throw new UnsupportedOperationException("signal handling needs module jdk.unsupported", UNAVAILABLE);
        }
        String bare = bare(name);
        Runnable[] entry = {onSignal};
        synchronized (SLOTS) {
            Slot slot = SLOTS.get(bare);
            if (slot == null) {
                slot = new Slot(bare);
                slot.install();
                SLOTS.put(bare, slot);
            }
            slot.handlers.add(entry);
        }
        return new Installed(bare, entry);
    }

    /** One {@link #install}, undone by {@link #restore()}. */
    private static final class Installed implements Registration {
        private final String bare;
        private final Runnable[] entry;

        Installed(String bare, Runnable[] entry) {
            this.bare = bare;
            this.entry = entry;
        }

        @Override
        public void restore() {
            synchronized (SLOTS) {
                Slot slot = SLOTS.get(bare);
                if (slot == null || !slot.handlers.remove(entry)) {
                    return;
                }
                if (slot.handlers.isEmpty()) {
                    SLOTS.remove(bare);
                    slot.restore();
                }
            }
        }
    }

    /** The registrations of each signal; guarded by itself. */
    private static final Map<String, Slot> SLOTS = new HashMap<>();

    /** One signal: the JVM handler we installed, the one it replaced, and our registrations. */
    private static final class Slot {
        final String bare;
        /** Each registration is a distinct one-element array, so that equal callbacks stay apart. */
        final List<Runnable[]> handlers = new ArrayList<>();

        Object signal;
        Object previous;

        Slot(String bare) {
            this.bare = bare;
        }

        void install() {
            try {
                Object handler = NEW_HANDLER.invoke(this);
                signal = NEW_SIGNAL.invoke(bare);
                previous = HANDLE.invoke(signal, handler);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "cannot handle signal SIG" + bare + ": " + e.getMessage()
                                + " (the JVM reserves SIGQUIT, SIGSEGV, SIGBUS, SIGFPE, SIGILL and, with -Xrs, more)",
                        e);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot install a handler for SIG" + bare, e);
            }
        }

        /** The handler's {@code handle(Signal)}; on the JVM's signal thread. */
        private void dispatch(Object signal) {
            Runnable target;
            synchronized (SLOTS) {
                target = handlers.isEmpty() ? null : handlers.get(handlers.size() - 1)[0];
            }
            if (target != null) {
                target.run();
            }
        }

        void restore() {
            try {
                HANDLE.invoke(signal, previous);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot restore the handler of SIG" + bare, e);
            }
        }
    }

    /** Raises signal {@code name} in this process. */
    public static void raise(String name) {
        if (UNAVAILABLE != null) {
            throw new UnsupportedOperationException("signal handling needs module jdk.unsupported", UNAVAILABLE);
        }
        try {
            RAISE.invoke(NEW_SIGNAL.invoke(bare(name)));
        } catch (Throwable e) {
            throw new IllegalStateException("cannot raise SIG" + bare(name), e);
        }
    }

    private static String bare(String name) {
        return name.startsWith("SIG") ? name.substring(3) : name;
    }
}
