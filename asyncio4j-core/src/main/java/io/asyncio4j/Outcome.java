package io.asyncio4j;

/**
 * How an awaitable ended, as a value: what {@link Asyncio#gatherSettled} returns for each input
 * (asyncio's {@code gather(..., return_exceptions=True)}).
 *
 * {@snippet :
 * for (Outcome<String> outcome : Asyncio.gatherSettled(tasks)) {
 *     switch (outcome) {
 *         case Outcome.Success<String> s -> System.out.println("got " + s.value());
 *         case Outcome.Failure<String> f -> System.out.println("failed: " + f.exception());
 *         case Outcome.Cancelled<String> c -> System.out.println("cancelled");
 *     }
 * }
 * }
 *
 * @param <T> the result type
 */
public sealed interface Outcome<T> {
    /** The awaitable returned {@code value}. */
    record Success<T>(T value) implements Outcome<T> {}

    /** The awaitable failed with {@code exception}. */
    record Failure<T>(Throwable exception) implements Outcome<T> {}

    /** The awaitable was cancelled. */
    record Cancelled<T>(CancelledError error) implements Outcome<T> {}

    /** The value of a success; otherwise throws the failure's exception or the cancellation. */
    default T get() throws Exception {
        return switch (this) {
            case Success<T> s -> s.value();
            case Failure<T> f -> throw Awaitable.sneaky(f.exception());
            case Cancelled<T> c -> throw c.error();
        };
    }
}
