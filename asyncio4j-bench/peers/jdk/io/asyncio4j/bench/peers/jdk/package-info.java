/**
 * The workloads of BENCH.md as a Java developer writes them with plain JDK virtual threads on the
 * default scheduler, without asyncio4j: the "plain JDK" peer of {@code ./aio bench}. Each prints
 * the same {@code RESULT} line as its asyncio4j twin in {@code io.asyncio4j.bench.workloads}.
 */
package io.asyncio4j.bench.peers.jdk;
