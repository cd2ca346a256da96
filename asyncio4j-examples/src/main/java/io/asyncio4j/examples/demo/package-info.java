/** The terminal renderer of {@code ./aio demo}: live progress bars, or plain text. */
package io.asyncio4j.examples.demo;
