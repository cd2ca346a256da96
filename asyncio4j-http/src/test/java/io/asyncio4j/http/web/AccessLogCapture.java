package io.asyncio4j.http.web;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures the access log's lines (level and message) while open, instead of letting them reach
 * the console; {@code close} restores the logger.
 */
final class AccessLogCapture implements AutoCloseable {
    private final Logger jul = Logger.getLogger("io.asyncio4j.http.web.access");
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            lines.add(r.getLevel() + " " + r.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    AccessLogCapture() {
        jul.addHandler(handler);
        jul.setUseParentHandlers(false);
    }

    /** The lines logged so far, each {@code "LEVEL message"}. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        jul.removeHandler(handler);
        jul.setUseParentHandlers(true);
    }
}
