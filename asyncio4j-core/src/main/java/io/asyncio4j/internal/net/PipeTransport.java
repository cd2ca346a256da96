package io.asyncio4j.internal.net;

import io.asyncio4j.Loop;
import io.asyncio4j.LoopClosedException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A blocking OutputStream under a StreamWriter: a child's stdin, or a pipe given to {@code
 * Streams.connectWritePipe}. Writes are copied into a queue that a platform thread (the
 * pump) writes to the JDK's blocking pipe; the pump reports each chunk written back to the loop with
 * {@code callSoonThreadsafe}, which shrinks {@link #bufferedBytes()} and so resumes {@code drain}.
 *
 * <p>The pump ends when the stream is closed and, at the latest, once the child has exited and what
 * was written before is written (or failed with a broken pipe): a dead child reads nothing more, so
 * the stream is closed then and later writes fail, naming the exit.
 */
public final class PipeTransport extends Transport {
    /*
     * Threads. `buffered` is the loop's only; `queue` is the hand-off to the pump. The pump owns
     * the OutputStream: it closes it when it takes END (writeEof or close) or EXITED (queued by the
     * JDK thread that sees the child exit), or on an error.
     */
    private static final byte[] END = new byte[0];
    private static final byte[] EXITED = new byte[0];

    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private long buffered;

    private final String reader;

    /**
     * A transport on {@code loop} whose pipe is read by {@code reader} ("process 42"), as error
     * messages name it.
     */
    public PipeTransport(Loop loop, String reader) {
        super(loop);
        this.reader = reader;
    }

    /** The child reading the pipe exited: the pump ends after what is queued (any thread). */
    public void processExited() {
        queue.add(EXITED);
    }

    /** Starts the pump thread {@code name} that writes to {@code out}. */
    public void start(OutputStream out, String name) {
        Thread pump = new Thread(() -> pump(out), name);
        pump.setDaemon(true);
        pump.start();
    }

    private void pump(OutputStream out) {
        try (out) {
            while (true) {
                byte[] chunk = queue.take();
                if (chunk == END) {
                    return;
                }
                if (chunk == EXITED) {
                    IOException exited = new IOException(reader + " exited; its stdin is closed");
                    post(() -> {
                        if (!isClosed()) {
                            failed(exited);
                        }
                    });
                    return;
                }
                out.write(chunk);
                out.flush();
                post(() -> {
                    if (!isClosed()) {
                        buffered -= chunk.length;
                        bufferChanged();
                    }
                });
            }
        } catch (IOException e) {
            post(() -> failed(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void post(Runnable r) {
        try {
            loop.callSoonThreadsafe(r);
        } catch (LoopClosedException e) {
            // the loop is gone; nobody waits for this pipe any more
        }
    }

    @Override
    protected void send(ByteBuffer src) {
        byte[] chunk = new byte[src.remaining()];
        src.get(chunk);
        buffered += chunk.length;
        queue.add(chunk);
    }

    @Override
    public long bufferedBytes() {
        return buffered;
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    @Override
    protected void shutdownOutput() {
        queue.add(END);
    }

    @Override
    protected void closeChannel() {
        buffered = 0;
        queue.clear();
        queue.add(END);
    }
}
