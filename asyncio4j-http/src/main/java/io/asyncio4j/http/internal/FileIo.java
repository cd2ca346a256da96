package io.asyncio4j.http.internal;

import io.asyncio4j.Asyncio;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * File operations for code that may run in a loop's task: there a file call would hold the loop's
 * thread (the JDK cannot park a virtual thread in file I/O), so it runs on the loop's default
 * executor ({@link Asyncio#toThread}); outside a task it runs where it is called.
 */
public final class FileIo {
    private FileIo() {}

    /** Runs {@code op} off the loop when called from a task; I/O errors become {@link UncheckedIOException}. */
    public static <T> T offLoop(Callable<T> op) {
        try {
            return Asyncio.currentTask() == null ? op.call() : Asyncio.toThread(op);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens {@code file}. */
    public static FileChannel open(Path file, OpenOption... options) {
        return offLoop(() -> FileChannel.open(file, options));
    }

    /** Writes {@code b[0, len)} at the channel's position. */
    public static void write(FileChannel channel, byte[] b, int len) {
        offLoop(() -> {
            ByteBuffer src = ByteBuffer.wrap(b, 0, len);
            while (src.hasRemaining()) {
                channel.write(src);
            }
            return null;
        });
    }

    /** Closes {@code channel}, even when the calling task is being cancelled. */
    public static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
