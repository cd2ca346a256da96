/** Test support for asyncio4j: virtual clock helpers and a JUnit extension. */
package io.asyncio4j.testing;
