/**
 * The workloads of BENCH.md written with asyncio4j, one program each. Every program takes its sizes
 * as positional arguments and ends with one line {@code RESULT <id> <figure>=<value> ...}; the
 * harness ({@link io.asyncio4j.bench.Bench}) runs each in a fresh JVM. The peers doing the same
 * work in other runtimes live in {@code asyncio4j-bench/peers/}.
 */
package io.asyncio4j.bench.workloads;
