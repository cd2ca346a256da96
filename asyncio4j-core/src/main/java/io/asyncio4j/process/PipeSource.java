package io.asyncio4j.process;

import io.asyncio4j.Loop;
import io.asyncio4j.LoopClosedException;
import io.asyncio4j.Task;
import io.asyncio4j.internal.net.ByteSource;
import io.asyncio4j.lowlevel.Parking;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * A child's stdout or stderr under a StreamReader. The JDK's pipe streams block, so a platform
 * thread (the pump) reads them and queues the chunks; it tells the loop with {@code
 * callSoonThreadsafe}, which wakes the reading task. The pump stops reading while {@code max} bytes
 * wait unread, so a task that does not read holds the child back as a socket's peer would be.
 */
final class PipeSource implements ByteSource {
    /*
     * Threads. `chunks`, `queued`, `eof` and `error` are shared with the pump (a lock-free queue,
     * volatiles, and `this` as the monitor the pump waits on while the queue is full). `waiter` is
     * the loop's only.
     */
    private static final int CHUNK = 16 * 1024;

    private final Loop loop;
    private final long max;
    private final ConcurrentLinkedQueue<byte[]> chunks = new ConcurrentLinkedQueue<>();
    private long queued;
    private volatile boolean eof;
    private volatile IOException error;
    private volatile boolean abandoned;
    private Task<?> waiter;

    PipeSource(Loop loop, long max) {
        this.loop = loop;
        this.max = max;
    }

    /** Starts the pump thread that reads {@code in} until its end. */
    void start(InputStream in, String name) {
        Thread pump = new Thread(() -> pump(in), name);
        pump.setDaemon(true);
        pump.start();
    }

    private void pump(InputStream in) {
        byte[] buf = new byte[CHUNK];
        try (in) {
            while (!abandoned) {
                synchronized (this) {
                    while (queued >= max && !abandoned) {
                        wait();
                    }
                }
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                if (n > 0) {
                    synchronized (this) {
                        queued += n;
                    }
                    chunks.add(java.util.Arrays.copyOf(buf, n));
                    signal();
                }
            }
        } catch (IOException e) {
            error = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        eof = true;
        signal();
    }

    private void signal() {
        try {
            loop.callSoonThreadsafe(this::wakeWaiter);
        } catch (LoopClosedException e) {
            abandoned = true; // nobody will read
        }
    }

    private void wakeWaiter() {
        Task<?> t = waiter;
        if (t != null) {
            waiter = null;
            Parking.unpark(t);
        }
    }

    @Override
    public int readNow(Consumer<ByteBuffer> sink) throws IOException {
        byte[] chunk = chunks.poll();
        if (chunk != null) {
            synchronized (this) {
                boolean wasFull = queued >= max;
                queued -= chunk.length;
                if (wasFull && queued < max) {
                    notifyAll();
                }
            }
            sink.accept(ByteBuffer.wrap(chunk));
            return chunk.length;
        }
        if (eof) {
            // Chunks queued before eof was set are seen first: the pump adds them before it.
            chunk = chunks.poll();
            if (chunk != null) {
                sink.accept(ByteBuffer.wrap(chunk));
                return chunk.length;
            }
            IOException e = error;
            if (e != null) {
                throw e;
            }
            return -1;
        }
        return 0;
    }

    @Override
    public void awaitReadable() {
        Task<?> me = Parking.currentTask("StreamReader.read");
        Parking.checkCancelled(me);
        if (!chunks.isEmpty() || eof) {
            return;
        }
        waiter = me;
        Parking.park(me);
        while (waiter == me) {
            if (Parking.cancelPending(me)) {
                waiter = null;
                throw Parking.cancelledError(me);
            }
            Parking.park(me);
        }
    }
}
