package io.asyncio4j.internal.loop;

import java.util.HashMap;
import java.util.Map;

/**
 * The signal handlers of one loop ({@code addSignalHandler}): at most one per signal, each a
 * {@link Signals} registration that the loop undoes when the handler is removed or the loop
 * closes, giving the signal back to whoever had it before.
 *
 * <p>Threads: the loop thread only.
 */
public final class SignalHandlers {
    private final Map<String, Signals.Registration> registrations = new HashMap<>();

    /**
     * Runs {@code onSignal} on the JVM's signal thread whenever {@code signal} arrives, in place of
     * this loop's earlier handler of it.
     *
     * @throws IllegalArgumentException if the JVM reserves the signal or does not know it
     */
    public void put(String signal, Runnable onSignal) {
        remove(signal);
        registrations.put(signal, Signals.install(signal, onSignal));
    }

    /** Removes this loop's handler of {@code signal}; whether there was one. */
    public boolean remove(String signal) {
        Signals.Registration registration = registrations.remove(signal);
        if (registration == null) {
            return false;
        }
        registration.restore();
        return true;
    }

    /** At close: every signal goes back to the handler it had before this loop's. */
    public void removeAll() {
        for (Signals.Registration registration : registrations.values()) {
            registration.restore();
        }
        registrations.clear();
    }
}
