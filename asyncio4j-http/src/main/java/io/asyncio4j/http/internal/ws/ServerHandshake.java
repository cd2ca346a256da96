package io.asyncio4j.http.internal.ws;

import io.asyncio4j.http.HeaderNames;
import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.http.ws.WsOptions;
import java.util.List;

/**
 * The server's side of the opening handshake (RFC 6455 section 4.2) as a pure decision over a
 * request head: whether to switch protocols and with which headers, or which error to answer. The
 * web server's {@code WebSocketResponse} and the standalone {@code WsServerHandshake} both use it.
 */
public final class ServerHandshake {
    private ServerHandshake() {}

    /**
     * What to answer.
     *
     * @param status 101 to switch, else the error status (400, 403, 405, 426)
     * @param problem why the handshake was refused (null when accepted), for the body and the error
     * @param headers the response's header fields: the WebSocket ones for 101, {@code
     *     Sec-WebSocket-Version} for 426
     * @param deflate the agreed permessage-deflate, or null
     * @param protocol the chosen subprotocol, or null
     */
    public record Outcome(int status, String problem, Headers headers, PerMessageDeflate deflate, String protocol) {
        /** Whether the handshake was accepted (101). */
        public boolean accepted() {
            return status == 101;
        }
    }

    /** Decides the handshake of a request with {@code method}, {@code version} and {@code headers}. */
    public static Outcome negotiate(String method, HttpVersion version, Headers h, WsOptions options) {
        if (!method.equals("GET")) {
            Headers allow = new Headers().add(HeaderNames.ALLOW, "GET");
            return refuse(405, "a WebSocket handshake is a GET, not " + method + " (RFC 6455 4.1)", allow);
        }
        if (version != HttpVersion.HTTP_1_1) {
            return refuse(400, "a WebSocket handshake needs HTTP/1.1 (RFC 6455 4.1)", new Headers());
        }
        if (!Handshake.hasToken(h.getAll(HeaderNames.UPGRADE), "websocket")) {
            return refuse(400, "no 'Upgrade: websocket' in the request (RFC 6455 4.2.1)", new Headers());
        }
        if (!Handshake.hasToken(h.getAll(HeaderNames.CONNECTION), "upgrade")) {
            return refuse(400, "no 'Connection: Upgrade' in the request (RFC 6455 4.2.1)", new Headers());
        }
        String version13 = h.get("Sec-WebSocket-Version");
        if (version13 == null || !version13.trim().equals("13")) {
            return refuse(
                    426,
                    "Sec-WebSocket-Version " + version13 + " is not supported; this server speaks 13 (RFC 6455 4.4)",
                    new Headers().add("Sec-WebSocket-Version", "13"));
        }
        List<String> keys = h.getAll("Sec-WebSocket-Key");
        String key = keys.size() == 1 ? keys.get(0).trim() : null;
        if (!Handshake.isValidKey(key)) {
            return refuse(
                    400,
                    "Sec-WebSocket-Key must be one base64 value of 16 bytes (RFC 6455 4.2.1), got " + keys,
                    new Headers());
        }
        String origin = h.get(HeaderNames.ORIGIN);
        if (options.originCheck() != null && !options.originCheck().test(origin)) {
            return refuse(403, "the origin " + origin + " is not allowed", new Headers());
        }
        String protocol = null;
        if (!options.protocols().isEmpty()) {
            for (String offered : Handshake.elements(h.getAll("Sec-WebSocket-Protocol"))) {
                if (options.protocols().contains(offered)) {
                    protocol = offered;
                    break;
                }
            }
        }
        PerMessageDeflate deflate = options.compress() == 0
                ? null
                : PerMessageDeflate.serverAccepts(
                        h.getAll("Sec-WebSocket-Extensions"),
                        options.serverNoContextTakeover(),
                        options.clientNoContextTakeover());
        Headers out = new Headers()
                .add(HeaderNames.UPGRADE, "websocket")
                .add(HeaderNames.CONNECTION, "Upgrade")
                .add("Sec-WebSocket-Accept", Handshake.accept(key));
        if (protocol != null) {
            out.add("Sec-WebSocket-Protocol", protocol);
        }
        if (deflate != null) {
            out.add("Sec-WebSocket-Extensions", deflate.serverResponse());
        }
        return new Outcome(101, null, out, deflate, protocol);
    }

    private static Outcome refuse(int status, String problem, Headers headers) {
        return new Outcome(status, problem, headers, null, null);
    }
}
