package io.asyncio4j;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * The tasks of one {@link Asyncio#taskGroup} block: asyncio's {@code TaskGroup}. The block ends only
 * when every task created through the group has ended.
 *
 * {@snippet :
 * Asyncio.taskGroup(tg -> {
 *     tg.createTask(() -> download("a"));
 *     tg.createTask(() -> download("b"));
 * }); // both are done here; if one failed, the other was cancelled and TaskGroupException thrown
 * }
 *
 * <p>When a child fails, the group cancels the other children and the block's body, waits for them,
 * then throws {@link TaskGroupException} with every failure. {@link #cancel()} ends the group early
 * without an error.
 */
public final class TaskGroup {
    /*
     * States: OPEN (body running or waiting for children) -> ABORTING (a child failed, the body
     * failed, or cancel() was called: children and body are being cancelled; no new tasks) ->
     * EXITED (the block returned). All fields are loop-thread only.
     */
    private final Task<?> owner;
    private final CancelScope scope;
    private final LinkedHashSet<Task<?>> children = new LinkedHashSet<>();
    private final List<Throwable> errors = new ArrayList<>();
    private final Awaitable.Waiter onChildDone = this::childDone;
    private boolean aborting;
    private boolean exited;

    TaskGroup(Task<?> owner) {
        this.owner = owner;
        this.scope = new CancelScope(owner, false);
    }

    /** Creates a task in the group, named {@code Task-N}. */
    public <T> Task<T> createTask(Coroutine<T> coro) {
        return createTask(null, coro);
    }

    /**
     * Creates a task in the group.
     *
     * @throws IllegalStateException if the group has ended, or is shutting down after a failure or
     *     {@link #cancel()}
     */
    public <T> Task<T> createTask(String name, Coroutine<T> coro) {
        Objects.requireNonNull(coro, "coro");
        return add(name, coro);
    }

    /** Creates a child whose body is a {@link Coroutine} or an {@link AsyncRunnable}. */
    private <T> Task<T> add(String name, Object body) {
        Objects.requireNonNull(body, "body");
        owner.loop.checkThread("TaskGroup.createTask");
        if (exited) {
            throw new IllegalStateException("this TaskGroup has finished; create the task in an open group");
        }
        if (aborting) {
            throw new IllegalStateException("this TaskGroup is shutting down (a task failed or cancel() was called);"
                    + " it accepts no new tasks");
        }
        Task<T> task = owner.loop.createTaskOf(name, body);
        children.add(task);
        task.addWaiter(onChildDone);
        return task;
    }

    /** Creates a task without a result in the group, named {@code Task-N}. */
    public Task<Void> createTask(AsyncRunnable body) {
        return add(null, body);
    }

    /** Creates a task without a result in the group. */
    public Task<Void> createTask(String name, AsyncRunnable body) {
        return add(name, body);
    }

    /**
     * Ends the group early without error: cancels every child and the block's body; the block then
     * returns normally once they have ended.
     */
    public void cancel() {
        owner.loop.checkThread("TaskGroup.cancel");
        if (!exited) {
            abort();
        }
    }

    /** The children that have not ended yet. */
    public List<Task<?>> tasks() {
        return List.copyOf(children);
    }

    private void childDone(Awaitable<?> child) {
        children.remove((Task<?>) child);
        if (child.state() == Awaitable.FAILED) {
            errors.add((Throwable) child.rawOutcome());
            abort();
        }
        if (children.isEmpty()) {
            owner.wake();
        }
    }

    private void abort() {
        if (aborting) {
            return;
        }
        aborting = true;
        for (Task<?> child : List.copyOf(children)) {
            child.cancel("the task group is shutting down");
        }
        scope.cancel("the task group is shutting down");
    }

    /** Runs the block: the body, then waiting for the children. */
    void run(TaskGroupBody body) throws Exception {
        scope.enter();
        Throwable bodyError = null;
        boolean bodyCancelled = false;
        try {
            body.run(this);
        } catch (Throwable t) {
            bodyError = t;
            bodyCancelled = owner.isCancellation(t); // before exit() forgets our interrupt
        } finally {
            scope.exit();
        }
        if (bodyError != null && !bodyCancelled) {
            errors.add(0, bodyError);
            abort();
        }
        // The body's scope is gone: from here on, cancelPending() means the owner itself was cancelled.
        boolean ownerCancelled = false;
        while (!children.isEmpty()) {
            if (!ownerCancelled && owner.cancelPending()) {
                ownerCancelled = true;
                abort();
                continue;
            }
            owner.suspend();
        }
        exited = true;
        if (!errors.isEmpty()) {
            throw new TaskGroupException(errors);
        }
        if (owner.cancelPending()) {
            throw bodyError instanceof CancelledError ce ? ce : owner.cancelledError();
        }
        if (bodyCancelled && !scope.cancelled) {
            throw Awaitable.sneaky(bodyError);
        }
    }

    /** The body of a task group block. */
    @FunctionalInterface
    public interface TaskGroupBody {
        /** Runs with the group; may create tasks in it and throw anything. */
        void run(TaskGroup group) throws Exception;
    }
}
