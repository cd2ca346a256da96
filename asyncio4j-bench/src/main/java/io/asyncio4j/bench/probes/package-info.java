/**
 * Programs that measure one cost outside BENCH.md's workloads (each in a fresh JVM, printing one
 * {@code RESULT} line like the workloads): figures the core's goals are stated in.
 */
package io.asyncio4j.bench.probes;
