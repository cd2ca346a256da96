/**
 * Command-line tools for programs that use asyncio4j: {@link io.asyncio4j.tools.Ps} shows the loops
 * ({@code ps}) and the task trees ({@code pstree}) of another running JVM. Run them with {@code java
 * -jar asyncio4j-tools.jar ps PID}; they need only a JDK, not the program's class path.
 */
package io.asyncio4j.tools;
