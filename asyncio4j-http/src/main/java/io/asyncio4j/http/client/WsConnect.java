package io.asyncio4j.http.client;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.HeaderNames;
import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpParseException;
import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.http.internal.HeadWriter;
import io.asyncio4j.http.internal.HttpParser;
import io.asyncio4j.http.internal.ResponseHead;
import io.asyncio4j.http.internal.ws.Handshake;
import io.asyncio4j.http.internal.ws.PerMessageDeflate;
import io.asyncio4j.http.internal.ws.WsAccess;
import io.asyncio4j.http.internal.ws.WsTransport;
import io.asyncio4j.http.ws.WebSocket;
import io.asyncio4j.http.ws.WsOptions;
import io.asyncio4j.net.StreamWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * The client's opening handshake (RFC 6455 section 4.1) on a new connection of the session's pool:
 * {@link ClientSession#wsConnect}. The WebSocket keeps the connection, and its pool slot, until it
 * closes.
 */
final class WsConnect {
    private WsConnect() {}

    static WebSocket open(ClientSession session, String url, WsOptions ws) throws IOException, TimeoutException {
        SessionOptions so = session.options();
        URI target = Urls.resolve(so.baseUrl(), httpScheme(url), List.of());
        URI shown = Urls.withoutUserInfo(target);
        RequestTimer timer = new RequestTimer(Asyncio.currentLoop(), so.timeout(), "GET", shown);
        Connector connector = session.connector();
        Connection c = connector.acquire(Origin.of(target), true, timer, "GET", shown);
        boolean ok = false;
        try {
            String key = Handshake.newKey();
            Headers headers = session.wsHeaders(target, ws.headers());
            headers.set(HeaderNames.UPGRADE, "websocket");
            headers.set(HeaderNames.CONNECTION, "Upgrade");
            headers.set("Sec-WebSocket-Key", key);
            headers.set("Sec-WebSocket-Version", "13");
            if (!ws.protocols().isEmpty()) {
                headers.set("Sec-WebSocket-Protocol", String.join(", ", ws.protocols()));
            }
            if (ws.compress() != 0) {
                headers.set(
                        "Sec-WebSocket-Extensions",
                        PerMessageDeflate.clientOffer(
                                ws.compress(), ws.serverNoContextTakeover(), ws.clientNoContextTakeover()));
            }
            if (ws.origin() != null) {
                headers.set(HeaderNames.ORIGIN, ws.origin());
            }
            c.head.request("GET", Urls.target(target), HttpVersion.HTTP_1_1, headers, HeadWriter.NO_FRAMING);
            StreamWriter w = c.streams.writer();
            w.write(c.head.array(), 0, c.head.length());
            w.drain();
            c.parser().expectResponseTo("GET");
            ResponseHead head = readHead(c, timer, shown);
            session.cookieJar().update(head.headers().getAll(HeaderNames.SET_COOKIE), target);
            if (head.status() != 101) {
                throw refused(
                        shown,
                        head,
                        "the server answered " + head.status() + " " + head.reason()
                                + " instead of 101 Switching Protocols");
            }
            Headers h = head.headers();
            if (!"websocket".equalsIgnoreCase(trim(h.get(HeaderNames.UPGRADE)))) {
                throw refused(
                        shown,
                        head,
                        "the 101 response's Upgrade is '" + h.get(HeaderNames.UPGRADE)
                                + "', not 'websocket' (RFC 6455 4.1)");
            }
            if (!Handshake.hasToken(h.getAll(HeaderNames.CONNECTION), "upgrade")) {
                throw refused(
                        shown,
                        head,
                        "the 101 response's Connection is '" + h.get(HeaderNames.CONNECTION)
                                + "', without 'Upgrade' (RFC 6455 4.1)");
            }
            String accept = trim(h.get("Sec-WebSocket-Accept"));
            if (!Handshake.accept(key).equals(accept)) {
                throw refused(
                        shown,
                        head,
                        "the 101 response's Sec-WebSocket-Accept '" + accept
                                + "' does not answer the key sent (RFC 6455 4.1): not a WebSocket server, or a proxy"
                                + " in between");
            }
            String protocol = trim(h.get("Sec-WebSocket-Protocol"));
            if (protocol != null && !ws.protocols().contains(protocol)) {
                throw refused(
                        shown,
                        head,
                        "the server chose the subprotocol '" + protocol + "', which was not" + " offered (offered: "
                                + ws.protocols() + ")");
            }
            PerMessageDeflate deflate = null;
            List<String> extensions = h.getAll("Sec-WebSocket-Extensions");
            if (!extensions.isEmpty()) {
                if (ws.compress() == 0) {
                    throw refused(shown, head, "the server agreed to extensions that were not offered: " + extensions);
                }
                try {
                    deflate = PerMessageDeflate.clientAccepts(String.join(", ", extensions), ws.compress());
                } catch (IllegalArgumentException e) {
                    throw refused(shown, head, e.getMessage());
                }
            }
            byte[] rest = c.in.takeRemaining();
            WebSocket socket = WsAccess.get()
                    .open(
                            false,
                            c.streams.reader(),
                            WsTransport.of(w),
                            rest,
                            ws,
                            deflate,
                            protocol,
                            ws.jsonCodec() != null ? ws.jsonCodec() : session.jsonCodec(),
                            () -> connector.release(c, true));
            ok = true;
            return socket;
        } catch (UncheckedIOException e) {
            throw new ServerDisconnectedError(
                    "the connection broke during the WebSocket handshake with " + shown + ": " + e.getMessage(),
                    shown,
                    e.getCause());
        } catch (HttpParseException e) {
            throw new ClientPayloadError(
                    "the answer to the WebSocket handshake with " + shown + " is malformed: " + e.reason(), shown, e);
        } finally {
            if (!ok) {
                connector.release(c, false);
            }
        }
    }

    private static ResponseHead readHead(Connection c, RequestTimer timer, URI url)
            throws IOException, TimeoutException {
        while (true) {
            HttpParser.Event e = c.in.nextBuffered();
            if (e == HttpParser.Event.NEED_DATA) {
                e = timer.within(
                        "sockRead", timer.timeout().sockRead(), "waiting for the WebSocket handshake", c.in::next);
            }
            if (e == HttpParser.Event.HEAD) {
                ResponseHead head = c.parser().response();
                if (head.informational() && head.status() != 101) {
                    continue;
                }
                return head;
            }
            if (e == HttpParser.Event.CLOSED) {
                throw new ServerDisconnectedError(
                        "the server closed the connection before answering the WebSocket handshake with " + url,
                        url,
                        null);
            }
            throw new ClientPayloadError(
                    "unexpected " + e + " before the answer to the WebSocket handshake with " + url, url, null);
        }
    }

    private static WsServerHandshakeError refused(URI url, ResponseHead head, String why) {
        return new WsServerHandshakeError(
                "WebSocket handshake with " + url + " failed: " + why,
                url,
                head.status(),
                head.reason(),
                head.headers());
    }

    /** ws and wss become http and https (the handshake is an HTTP request); others pass as they are. */
    private static String httpScheme(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("ws://")) {
            return "http://" + url.substring(5);
        }
        if (lower.startsWith("wss://")) {
            return "https://" + url.substring(6);
        }
        return url;
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
