package io.asyncio4j;

import java.io.Serial;
import java.util.List;

/**
 * Thrown by {@link Asyncio#taskGroup} when children failed: every failure, in the order they
 * happened, also attached as suppressed exceptions; asyncio's {@code ExceptionGroup}.
 */
public final class TaskGroupException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient List<Throwable> exceptions;

    /** A group exception listing {@code exceptions}. */
    public TaskGroupException(List<? extends Throwable> exceptions) {
        super(describe(exceptions), exceptions.isEmpty() ? null : exceptions.get(0));
        this.exceptions = List.copyOf(exceptions);
        for (Throwable t : this.exceptions) {
            addSuppressed(t);
        }
    }

    /** The failures of the group's tasks (and of its body), in order. */
    public List<Throwable> exceptions() {
        return exceptions;
    }

    private static String describe(List<? extends Throwable> exceptions) {
        StringBuilder sb = new StringBuilder();
        sb.append(exceptions.size()).append(exceptions.size() == 1 ? " task failed" : " tasks failed");
        String sep = ": ";
        for (Throwable t : exceptions) {
            sb.append(sep).append(t);
            sep = "; ";
        }
        return sb.toString();
    }
}
