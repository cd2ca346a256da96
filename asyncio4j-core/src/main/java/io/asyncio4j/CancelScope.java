package io.asyncio4j;

/**
 * A region of a task's body that can be cancelled on its own (a timeout, a task group's body) or
 * that shields its contents from cancellation ({@link Asyncio#uncancellable}); Trio's cancel scope.
 *
 * <p>Scopes nest in a chain from the innermost outwards. The task is effectively cancelled when,
 * walking outwards, a cancelled scope comes before a shielding one, or when no shield stands between
 * it and a {@code task.cancel()} request. Loop thread only.
 */
final class CancelScope {
    final Task<?> task;
    final CancelScope outer;
    final boolean shield;
    boolean cancelled;
    String message;

    CancelScope(Task<?> task, boolean shield) {
        this.task = task;
        this.outer = task.scope;
        this.shield = shield;
    }

    /** Makes this scope the task's innermost one. */
    CancelScope enter() {
        task.scope = this;
        return this;
    }

    /** Restores the enclosing scope; scopes exit in LIFO order. */
    void exit() {
        if (task.scope != this) {
            throw new IllegalStateException("cancel scopes exited out of order");
        }
        task.scope = outer;
        task.scopeExited();
    }

    /** Cancels everything inside this scope. */
    void cancel(String why) {
        if (!cancelled) {
            cancelled = true;
            message = why;
            task.deliverCancel();
        }
    }
}
