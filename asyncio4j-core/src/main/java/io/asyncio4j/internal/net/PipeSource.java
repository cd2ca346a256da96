package io.asyncio4j.internal.net;

import io.asyncio4j.Loop;
import io.asyncio4j.LoopClosedException;
import io.asyncio4j.Task;
import io.asyncio4j.lowlevel.Parking;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * A blocking InputStream under a StreamReader: a child's stdout or stderr, or a pipe given to {@code
 * Streams.connectReadPipe}. The JDK's pipe streams block, so a platform
 * thread (the pump) reads them and queues the chunks; it tells the loop with {@code
 * callSoonThreadsafe}, which wakes the reading task. The pump stops reading while {@code max} bytes
 * wait unread, so a task that does not read holds the child back as a socket's peer would be.
 *
 * <p>No pump outlives its use: it ends at the end of the stream, and when the child has exited while
 * {@code max} bytes wait unread it ends too, leaving the rest in the pipe (the JDK keeps what a dead
 * child left there); a read that makes room again starts a new pump for it.
 */
public final class PipeSource implements ByteSource {
    /*
     * Threads. `chunks`, `queued`, `eof` and `error` are shared with the pump (a lock-free queue,
     * volatiles, and `this` as the monitor the pump waits on while the queue is full). `queued`,
     * `exited` and `pumping` are guarded by `this`: a pump ends (pumping = false) only under the
     * monitor, and readNow starts a new one only under it, so at most one pump reads the stream.
     * `waiter` is the loop's only.
     */
    private static final int CHUNK = 16 * 1024;

    private final Loop loop;
    private final long max;
    private final ConcurrentLinkedQueue<byte[]> chunks = new ConcurrentLinkedQueue<>();
    private long queued;
    private volatile boolean eof;
    private volatile IOException error;
    private volatile boolean abandoned;
    private boolean exited;
    private boolean pumping;
    private InputStream in;
    private String name;
    private Task<?> waiter;

    /** A source for a reader on {@code loop} that holds at most {@code max} unread bytes. */
    public PipeSource(Loop loop, long max) {
        this.loop = loop;
        this.max = max;
    }

    /** Starts the pump thread {@code name} that reads {@code in} until its end. */
    public void start(InputStream in, String name) {
        this.in = in;
        this.name = name;
        synchronized (this) {
            pumping = true;
        }
        startPump();
    }

    private void startPump() {
        Thread pump = new Thread(this::pump, name);
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * The child that writes the pipe exited: a pump that waits for room ends instead (any thread).
     */
    public synchronized void processExited() {
        exited = true;
        notifyAll();
    }

    private void pump() {
        byte[] buf = new byte[CHUNK];
        try {
            while (!abandoned) {
                synchronized (this) {
                    while (queued >= max && !abandoned) {
                        if (exited) {
                            pumping = false; // readNow starts a new pump once there is room
                            return;
                        }
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
                    chunks.add(Arrays.copyOf(buf, n));
                    signal();
                }
            }
        } catch (IOException e) {
            error = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly();
        eof = true;
        signal();
    }

    private void closeQuietly() {
        try {
            in.close();
        } catch (IOException e) {
            // the stream is done with either way
        }
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
            boolean restart = false;
            synchronized (this) {
                boolean wasFull = queued >= max;
                queued -= chunk.length;
                if (wasFull && queued < max) {
                    notifyAll();
                    if (!pumping && !eof) {
                        pumping = restart = true;
                    }
                }
            }
            if (restart) {
                startPump();
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
