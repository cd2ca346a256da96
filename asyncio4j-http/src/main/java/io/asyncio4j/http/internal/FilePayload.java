package io.asyncio4j.http.internal;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file, sent whole with {@code sendfile} (zero-copy on a plain socket; read off the loop in
 * chunks under TLS). Replayable: each sending opens the file again and sends its length at that
 * moment.
 */
public final class FilePayload extends Payload {
    private final Path path;
    private final String contentType;

    /** The file at {@code path}, sent as {@code contentType} (null: guessed from its name). */
    public FilePayload(Path path, String contentType) {
        this.path = path;
        this.contentType = contentType != null
                ? contentType
                : ContentTypes.mediaType(path.getFileName().toString());
    }

    /** The path of the file. */
    public Path path() {
        return path;
    }

    @Override
    public boolean replayable() {
        return true;
    }

    /**
     * Opens the file and reads its size off the loop; a cancelled opening closes what the worker
     * opened. Nothing is asked of the channel on the loop before the next suspension: a task whose
     * cancellation came while it waited here may carry an interrupt, and an interruptible channel
     * call would close the channel (ClosedByInterruptException) instead of letting the cancellation
     * surface.
     */
    @Override
    protected Sending open() throws IOException {
        Opening o = new Opening();
        try {
            return Asyncio.toThread(() -> {
                FileChannel c = FileChannel.open(path, StandardOpenOption.READ);
                Opened opened;
                try {
                    opened = new Opened(c, c.size());
                } catch (IOException | RuntimeException e) {
                    c.close();
                    throw e;
                }
                synchronized (o) {
                    if (o.abandoned) {
                        c.close();
                        return null;
                    }
                    o.channel = c;
                }
                return opened;
            });
        } catch (CancelledError e) {
            synchronized (o) {
                o.abandoned = true;
                if (o.channel != null) {
                    o.channel.close();
                }
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /** A file being opened by a worker: handed over under its monitor, so a cancelled opening closes it. */
    private static final class Opening {
        FileChannel channel;
        boolean abandoned;
    }

    /** One sending: the file as opened, and its length then. */
    private record Opened(FileChannel channel, long length) implements Sending {
        @Override
        public void writeTo(BodySink out) throws IOException {
            out.writeFile(channel, 0, length);
        }

        @Override
        public void release() {
            try {
                channel.close();
            } catch (IOException e) {
                // a read-only channel has nothing to flush: closing it cannot lose data
            }
        }
    }

    @Override
    public String contentType() {
        return contentType;
    }

    @Override
    public String describe() {
        return "the file " + path;
    }
}
