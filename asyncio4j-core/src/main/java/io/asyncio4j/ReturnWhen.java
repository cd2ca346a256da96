package io.asyncio4j;

/** When {@link Asyncio#wait} returns; asyncio's {@code return_when}. */
public enum ReturnWhen {
    /** As soon as one awaitable is done. */
    FIRST_COMPLETED,
    /** As soon as one awaitable fails (not cancelled), or when all are done. */
    FIRST_EXCEPTION,
    /** When all are done. */
    ALL_COMPLETED
}
