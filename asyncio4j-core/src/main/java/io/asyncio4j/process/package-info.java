/**
 * Child processes with asynchronous pipes: asyncio's subprocess support. {@link
 * io.asyncio4j.process.Subprocess} starts a process whose stdin is a {@link
 * io.asyncio4j.net.StreamWriter} and whose stdout and stderr are {@link
 * io.asyncio4j.net.StreamReader}s; platform threads pump the JDK's blocking pipes so that the loop
 * never blocks on them.
 */
package io.asyncio4j.process;
