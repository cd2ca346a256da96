/** Test support for asyncio4j: virtual clock helpers and a JUnit extension. */
module io.asyncio4j.testing {
    requires transitive io.asyncio4j;

    exports io.asyncio4j.testing;
}
