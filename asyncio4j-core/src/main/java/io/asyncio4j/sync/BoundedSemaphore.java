package io.asyncio4j.sync;

/**
 * A {@link Semaphore} that refuses to be released more often than acquired: asyncio's {@code
 * BoundedSemaphore}.
 */
public final class BoundedSemaphore extends Semaphore {
    private final int bound;

    /**
     * A bounded semaphore with {@code permits} permits, which is also its maximum.
     *
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    public BoundedSemaphore(int permits) {
        super(permits, "BoundedSemaphore");
        this.bound = permits;
    }

    /**
     * Returns a permit.
     *
     * @throws IllegalStateException if that would make more permits than the semaphore started with
     */
    @Override
    public void release() {
        binding.check("release");
        if (value() >= bound) {
            throw new IllegalStateException("BoundedSemaphore released too many times (bound " + bound + ")");
        }
        super.release();
    }
}
