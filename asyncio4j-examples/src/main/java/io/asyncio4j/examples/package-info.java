/**
 * The programs of the asyncio tutorials, in Java: one class per program, named after what it shows,
 * with the Python original in its Javadoc. {@link io.asyncio4j.examples.Examples} lists and runs
 * them ({@code ./aio run}); {@link io.asyncio4j.examples.Demo} is {@code ./aio demo}.
 *
 * <p>Each example prints to the {@code PrintStream} it is given and has an async {@code main()}
 * that runs inside a loop, so its test can run it on a virtual clock and check its whole output.
 * {@code docs/guide.md} walks through them in order, next to the Python.
 */
package io.asyncio4j.examples;
