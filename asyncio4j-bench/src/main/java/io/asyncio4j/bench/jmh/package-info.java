/**
 * JMH benchmarks of asyncio4j's hot paths, each named in a comment beside the code it guards: task
 * spawn and completion ({@link io.asyncio4j.bench.jmh.TaskSpawnBench}), park/unpark through the loop
 * ({@link io.asyncio4j.bench.jmh.ParkBench}), timers ({@link io.asyncio4j.bench.jmh.TimerBench}),
 * cross-thread submission ({@link io.asyncio4j.bench.jmh.SubmitBench}), the {@code Queue(1)}
 * hand-off ({@link io.asyncio4j.bench.jmh.QueueBench}) and {@code gather} ({@link
 * io.asyncio4j.bench.jmh.GatherBench}); the HTTP/1.1 parser and serializer beside Jetty's ({@link
 * io.asyncio4j.bench.jmh.HttpBench}). Run with {@code ./aio bench jmh [regex]}.
 *
 * <p>A benchmark method runs on JMH's thread, outside the loop, so each one hands a batch of
 * operations to the loop with {@code loop.run} and reports the time per operation
 * ({@code @OperationsPerInvocation}); the cross-thread cost of {@code loop.run} is spread over the
 * batch.
 */
package io.asyncio4j.bench.jmh;
