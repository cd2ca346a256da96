package com.example;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import java.time.Duration;

/** The README's first program, in a project of its own that depends on the installed jars. */
public class Main {
    static String fetch(String name, Duration delay) {
        Asyncio.sleep(delay);
        return name;
    }

    public static void main(String[] args) throws Exception {
        String got = Asyncio.run(() -> {
            Task<String> a = Asyncio.createTask(() -> fetch("a", Duration.ofMillis(20)));
            Task<String> b = Asyncio.createTask(() -> fetch("b", Duration.ofMillis(10)));
            return String.valueOf(Asyncio.gather(a, b));
        });
        System.out.println("consumer says " + got);
    }
}
