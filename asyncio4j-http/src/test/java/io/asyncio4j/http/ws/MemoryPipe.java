package io.asyncio4j.http.ws;

import io.asyncio4j.http.internal.ws.PerMessageDeflate;
import io.asyncio4j.http.internal.ws.WsAccess;
import io.asyncio4j.http.internal.ws.WsTransport;
import io.asyncio4j.net.StreamReader;
import io.asyncio4j.sync.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Two ends of a connection in memory: what one end writes, the other's {@link StreamReader} reads.
 * Every frame written is also logged ("client> TEXT 'hi'"), so a test can assert what went on the
 * wire. {@link #gate} makes {@code drain} park until opened, to show back-pressure.
 */
final class MemoryPipe {
    final End client = new End("client");
    final End server = new End("server");
    final List<String> wire = new ArrayList<>();

    MemoryPipe() {
        client.peer = server;
        server.peer = client;
    }

    final class End implements WsTransport {
        final String name;
        final StreamReader in = new StreamReader();
        End peer;
        boolean closed;
        /** When set, drain() waits for it to be set (the peer reads slowly). */
        Event gate;

        int drains;

        End(String name) {
            this.name = name;
        }

        @Override
        public void write(byte[] frame) {
            if (closed) {
                throw new UncheckedIOException(new IOException(name + "'s stream is closed"));
            }
            wire.add(name + "> " + describe(frame));
            if (!peer.closed) {
                peer.in.feedData(frame);
            }
        }

        @Override
        public void drain() {
            drains++;
            if (gate != null) {
                wire.add(name + " drain waits");
                gate.await();
                wire.add(name + " drain resumes");
            }
        }

        @Override
        public void close() {
            end(name + " closes");
        }

        @Override
        public void abort() {
            end(name + " aborts");
        }

        private void end(String what) {
            if (closed) {
                return;
            }
            closed = true;
            wire.add(what);
            in.setException(new UncheckedIOException(new IOException(name + "'s stream was closed")));
            if (!peer.closed) {
                peer.in.feedEof();
            }
        }

        WebSocket open(WsOptions options) {
            return open(options, null);
        }

        WebSocket open(WsOptions options, PerMessageDeflate deflate) {
            return WsAccess.get()
                    .open(name.equals("server"), in, this, new byte[0], options, deflate, null, null, null);
        }

        @Override
        public String toString() {
            return "MemoryPipe." + name;
        }
    }

    /** One frame as a line: its opcode and payload (unmasked), "compressed" when RSV1 is set. */
    static String describe(byte[] f) {
        int op = f[0] & 0x0F;
        boolean masked = (f[1] & 0x80) != 0;
        int len = f[1] & 0x7F;
        int p = 2;
        if (len == 126) {
            len = ((f[2] & 0xFF) << 8) | (f[3] & 0xFF);
            p = 4;
        } else if (len == 127) {
            len = (int) java.nio.ByteBuffer.wrap(f, 2, 8).getLong();
            p = 10;
        }
        byte[] payload = new byte[len];
        byte[] key = new byte[4];
        if (masked) {
            System.arraycopy(f, p, key, 0, 4);
            p += 4;
        }
        for (int i = 0; i < len; i++) {
            payload[i] = (byte) (f[p + i] ^ (masked ? key[i & 3] : 0));
        }
        String flags = ((f[0] & 0x80) == 0 ? " (not final)" : "") + ((f[0] & 0x40) != 0 ? " compressed" : "");
        return switch (op) {
                    case 1 ->
                        "TEXT" + flags
                                + ((f[0] & 0x40) != 0 ? "" : " '" + new String(payload, StandardCharsets.UTF_8) + "'");
                    case 2 -> "BINARY " + len + flags;
                    case 8 ->
                        len == 0
                                ? "CLOSE (no code)"
                                : "CLOSE " + (((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF)) + " '"
                                        + new String(payload, 2, len - 2, StandardCharsets.UTF_8) + "'";
                    case 9 -> "PING " + HexFormat.of().formatHex(payload);
                    case 10 -> "PONG " + HexFormat.of().formatHex(payload);
                    default -> "opcode " + op;
                }
                + (masked ? "" : " unmasked");
    }
}
