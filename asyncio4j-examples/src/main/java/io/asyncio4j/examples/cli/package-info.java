/**
 * Command-line tools behind {@code ./aio}: {@link io.asyncio4j.examples.cli.Ps} is {@code ./aio ps
 * PID} and {@code ./aio pstree PID}, which show the asyncio4j loops and tasks of another running JVM.
 */
package io.asyncio4j.examples.cli;
