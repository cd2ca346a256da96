package io.asyncio4j.http.internal.ws;

import io.asyncio4j.http.client.JsonCodec;
import io.asyncio4j.http.ws.WebSocket;
import io.asyncio4j.http.ws.WsOptions;
import io.asyncio4j.net.StreamReader;

/**
 * The constructor of {@link WebSocket} over a connection whose handshake is done, which the public
 * API does not offer: handed over by {@code WebSocket} when it is initialised (the pattern of
 * {@code HeadersAccess}).
 */
public abstract class WsAccess {
    private static volatile WsAccess instance;

    /** Installs the implementation; called once by {@link WebSocket}. */
    public static void install(WsAccess access) {
        instance = access;
    }

    /** The implementation. */
    public static WsAccess get() {
        WsAccess a = instance;
        if (a == null) {
            try {
                Class.forName(WebSocket.class.getName(), true, WsAccess.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = instance;
        }
        return a;
    }

    /**
     * A WebSocket on an upgraded connection, bound to the calling task's loop.
     *
     * @param server which side this is
     * @param in the connection's reader
     * @param out where frames go
     * @param initial bytes already read after the handshake: the first frames' bytes
     * @param deflate the agreed permessage-deflate parameters, or null
     * @param protocol the agreed subprotocol, or null
     * @param json the JSON codec, or null for the default
     * @param onClosed run once when the connection closes (returns a pool slot), or null
     */
    public abstract WebSocket open(
            boolean server,
            StreamReader in,
            WsTransport out,
            byte[] initial,
            WsOptions options,
            PerMessageDeflate deflate,
            String protocol,
            JsonCodec json,
            Runnable onClosed);
}
