package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.testing.AsyncioTest;
import java.time.Duration;

class MainTest {
    @AsyncioTest
    void anHourPassesOnTheVirtualClock() throws Exception {
        Task<String> slow = Asyncio.createTask(() -> Main.fetch("slow", Duration.ofHours(1)));
        assertEquals("slow", slow.await());
    }
}
