package io.asyncio4j.lowlevel;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Loop;
import io.asyncio4j.Task;
import io.asyncio4j.internal.TaskAccess;

/**
 * Parking and waking tasks: what asyncio4j's own {@code Lock}, {@code Queue} and {@code Event} are
 * built on, and all a user needs to write another primitive (Trio's {@code
 * wait_task_rescheduled}/{@code reschedule}).
 *
 * <p>The protocol: register the current task somewhere a waker will find it, call {@link
 * #park(Task)}, then check your own condition. {@code park} returns when {@link #unpark(Task)} is
 * called, when a cancellation is requested, or spuriously; so test the condition, and if it does
 * not hold, check {@link #cancelPending(Task)} (then deregister and throw {@link
 * #cancelledError(Task)}) or park again. Write the fast path as {@code park(me); if (!condition)
 * slowPath();} rather than a {@code while} loop around {@code park}: it compiles better when
 * millions of tasks park before any resumes.
 *
 * {@snippet :
 * Task<?> me = Parking.currentTask("MyEvent.await");
 * Parking.checkCancelled(me);
 * waiters.add(me);
 * Parking.park(me);
 * while (!isSet) {
 *     if (Parking.cancelPending(me)) {
 *         waiters.remove(me);
 *         throw Parking.cancelledError(me);
 *     }
 *     Parking.park(me);
 * }
 * }
 *
 * <p>Everything here runs on the task's loop; wakers call {@link #unpark} from the same loop. A
 * primitive whose tasks wait in line to be served in order (a lock, a queue) can use {@link
 * ParkingLot}, which keeps the line, the hand-off and the cancellation rules.
 */
public final class Parking {
    private static final TaskAccess ACCESS = TaskAccess.get();

    private Parking() {}

    /**
     * The task running on the current thread.
     *
     * @param operation named in the error when the caller is not a task
     * @throws IllegalStateException when the caller is not a task
     */
    public static Task<?> currentTask(String operation) {
        Task<?> task = ACCESS.current();
        if (task == null) {
            throw new IllegalStateException(operation + " must be called from a task of a running loop (inside"
                    + " Asyncio.run, loop.run or a task they create); it was called from thread '"
                    + Thread.currentThread().getName() + "'");
        }
        return task;
    }

    /** The task running on the current thread, or null. */
    public static Task<?> currentTaskOrNull() {
        return ACCESS.current();
    }

    /** Parks {@code me}, the current task, until {@link #unpark}, a cancellation request, or spuriously. */
    public static void park(Task<?> me) {
        ACCESS.suspend(me);
    }

    /** Makes a parked task runnable; harmless if it is not parked. Call on the task's loop. */
    public static void unpark(Task<?> task) {
        ACCESS.wake(task);
    }

    /** Whether {@code task}'s suspension points must throw {@link CancelledError} now. */
    public static boolean cancelPending(Task<?> task) {
        return ACCESS.cancelPending(task);
    }

    /** The error to throw for {@code task}'s pending cancellation. */
    public static CancelledError cancelledError(Task<?> task) {
        return ACCESS.cancelledError(task);
    }

    /** Throws {@link CancelledError} if a cancellation of {@code task} is pending. */
    public static void checkCancelled(Task<?> task) {
        if (ACCESS.cancelPending(task)) {
            throw ACCESS.cancelledError(task);
        }
    }

    /** Whether the caller runs on {@code loop} (its thread or one of its tasks). */
    public static boolean isLoopThread(Loop loop) {
        return ACCESS.isLoopThread(loop);
    }

    /**
     * Throws {@link IllegalStateException} naming {@code operation} unless the caller runs on {@code
     * loop}.
     */
    public static void checkThread(Loop loop, String operation) {
        ACCESS.checkThread(loop, operation);
    }
}
