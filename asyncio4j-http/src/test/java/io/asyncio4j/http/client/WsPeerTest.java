package io.asyncio4j.http.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.ws.WebSocket;
import io.asyncio4j.http.ws.WebSocketError;
import io.asyncio4j.http.ws.WsMessage;
import io.asyncio4j.http.ws.WsOptions;
import io.asyncio4j.net.TlsOptions;
import io.asyncio4j.testing.AsyncioTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

/**
 * {@link ClientSession#wsConnect} against WebSocket servers nobody here wrote: Node's {@code ws}
 * (plain, TLS, with and without permessage-deflate and its parameters) and CPython's aiohttp.
 */
class WsPeerTest {
    record Info(String protocol, String extensions) {}

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void nodeWsWithoutCompression() throws Exception {
        try (ScriptPeer node = ScriptPeer.nodeWs("{\"protocols\": [\"chat.v2\"]}");
                ClientSession session = new ClientSession()) {
            WsOptions options = WsOptions.defaults()
                    .protocols("chat.v3", "chat.v2")
                    .headers(new Headers().add("X-Custom", "yes"))
                    .origin("http://example.test");
            try (WebSocket ws = session.wsConnect(node.url("ws", "/chat"), options)) {
                assertThat(ws.protocol()).isEqualTo("chat.v2");
                assertThat(ws.compress()).isFalse();
                ws.sendText("headers");
                Map<?, ?> headers = ws.receiveJson(Map.class);
                assertThat(headers.get("x-custom")).isEqualTo("yes");
                assertThat(headers.get("origin")).isEqualTo("http://example.test");
                assertThat(headers.get("sec-websocket-extensions")).isNull();

                // echo: text with every plane of Unicode, binary of 1 MiB (64-bit length)
                ws.sendText("κόσμε 𝄞");
                assertThat(ws.receiveText()).isEqualTo("κόσμε 𝄞");
                byte[] big = new byte[1 << 20];
                new Random(7).nextBytes(big);
                ws.sendBytes(big);
                assertThat(ws.receiveBytes()).isEqualTo(big);

                // a fragmented message from the server comes whole; a ping from it is answered
                ws.sendText("fragments");
                assertThat(ws.receiveText()).isEqualTo("fragmented");
                ws.sendText("ping hb-1");
                assertThat(ws.receiveText()).isEqualTo("pong hb-1");

                // the server closes with a code and reason; autoClose answers
                ws.sendText("close 4001 done here");
                assertThat(ws.receive()).isEqualTo(new WsMessage.Close(4001, "done here"));
                assertThat(ws.closeCode()).isEqualTo(4001);
                // what ws logs is this side's answer: the code echoed, no reason (RFC 6455 5.5.1)
                assertThat(node.line()).isEqualTo("CLOSED 4001 ");
            }
            assertThat(session.statistics().inUse()).as("the slot is back").isZero();

            // the client closes: the server sees its code and reason
            WebSocket ws = session.wsConnect(node.url("ws", "/chat"));
            assertThat(ws.protocol()).isNull();
            assertThat(ws.close(1001, "going away")).isTrue();
            assertThat(ws.closeCode()).isEqualTo(1001);
            assertThat(node.line()).isEqualTo("CLOSED 1001 going away");

            // a server that breaks the protocol gets 1002
            WebSocket bad = session.wsConnect(node.url("ws", "/"));
            bad.sendText("reserved-opcode");
            WsMessage m = bad.receive();
            assertThat(((WebSocketError) ((WsMessage.Error) m).error()).code()).isEqualTo(1002);
            assertThat(node.line()).isEqualTo("CLOSED 1002 ");

            // a server that drops the connection: 1006
            WebSocket dropped = session.wsConnect(node.url("ws", "/"));
            dropped.sendText("terminate");
            assertThat(dropped.receive()).isEqualTo(new WsMessage.Closed());
            assertThat(dropped.closeCode()).isEqualTo(1006);
            assertThat(node.line()).isEqualTo("CLOSED 1006 ");
            assertThat(session.statistics().inUse()).isZero();
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void nodeWsWithPermessageDeflate() throws Exception {
        // ws's defaults compress only from 1 KiB; threshold 0 compresses every message
        try (ScriptPeer node = ScriptPeer.nodeWs("{\"deflate\": {\"threshold\": 0}}");
                ClientSession session = new ClientSession()) {
            try (WebSocket ws =
                    session.wsConnect(node.url("ws", "/"), WsOptions.defaults().compress(15))) {
                assertThat(ws.compress()).isTrue();
                ws.sendText("info");
                Info info = ws.receiveJson(Info.class);
                assertThat(info.extensions()).isEqualTo("permessage-deflate");
                for (int i = 0; i < 20; i++) { // context takeover both ways: later copies refer to earlier ones
                    String text = "message " + i + " " + "repetitive text ".repeat(200);
                    ws.sendText(text);
                    assertThat(ws.receiveText()).isEqualTo(text);
                }
                ws.sendText("big 1000000");
                assertThat(ws.receiveText()).hasSize(1_000_000);
            }
        }
        // the server limits the client's window to 2^9 bytes and asks for no context takeover
        try (ScriptPeer node = ScriptPeer.nodeWs("{\"deflate\": {\"threshold\": 0, \"clientMaxWindowBits\": 9,"
                        + " \"serverNoContextTakeover\": true, \"clientNoContextTakeover\": true}}");
                ClientSession session = new ClientSession()) {
            try (WebSocket ws = session.wsConnect(
                    node.url("ws", "/"), WsOptions.defaults().compress(15).serverNoContextTakeover(true))) {
                ws.sendText("info");
                Info info = ws.receiveJson(Info.class);
                assertThat(info.extensions())
                        .contains("client_max_window_bits=9")
                        .contains("server_no_context_takeover")
                        .contains("client_no_context_takeover");
                // short messages go compressed with the 512-byte window, long ones uncompressed:
                // ws inflates with a 2^9 window, so a longer distance would fail the connection
                for (int i = 0; i < 10; i++) {
                    String small = ("small " + i + " ").repeat(60).substring(0, 400);
                    ws.sendText(small);
                    assertThat(ws.receiveText()).isEqualTo(small);
                    // a 1000-character block twice: its match is 1000 bytes back, past a 2^9 window
                    String block = randomText(new Random(i), 1000);
                    String large = block + block;
                    ws.sendText(large);
                    assertThat(ws.receiveText()).isEqualTo(large);
                }
            }
            assertThat(node.line()).isEqualTo("CLOSED 1000 ");
        }
    }

    private static String randomText(Random r, int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append((char) ('a' + r.nextInt(26)));
        }
        return s.toString();
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void nodeWsOverTls() throws Exception {
        Path dir = Files.createTempDirectory("wss-peer");
        TestPki ca = TestPki.create(dir, "ws");
        TestPki.ServerCert cert = ca.issue("localhost", "DNS:localhost,IP:127.0.0.1");
        try (ScriptPeer node = ScriptPeer.nodeWs(
                        "{\"tls\": {\"cert\": \"" + cert.cert() + "\", \"key\": \"" + cert.key() + "\"}}");
                ClientSession session =
                        new ClientSession(SessionOptions.defaults().tls(TlsOptions.client(ca.caCert)))) {
            try (WebSocket ws = session.wsConnect("wss://localhost:" + node.port() + "/secure")) {
                ws.sendText("over TLS");
                assertThat(ws.receiveText()).isEqualTo("over TLS");
            }
            assertThat(node.line()).isEqualTo("CLOSED 1000 ");
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void aHandshakeThatIsNotAWebSocketFails() throws Exception {
        try (Peer nginx = Peer.nginx("location /plain { return 200 'not a websocket'; }");
                ClientSession session = new ClientSession()) {
            assertThatThrownBy(() -> session.wsConnect("ws://127.0.0.1:" + nginx.port() + "/plain"))
                    .isInstanceOf(WsServerHandshakeError.class)
                    .hasMessage("WebSocket handshake with http://127.0.0.1:" + nginx.port()
                            + "/plain failed: the server answered 200 OK instead of 101 Switching Protocols")
                    .extracting(e -> ((WsServerHandshakeError) e).status())
                    .isEqualTo(200);
            assertThat(session.statistics().inUse()).isZero();
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void aiohttpServer() throws Exception {
        try (ScriptPeer aiohttp = ScriptPeer.aiohttpWs();
                ClientSession session = new ClientSession()) {
            // aiohttp compresses by default; the client offers it; aiohttp takes the first
            // subprotocol offered that it speaks
            try (WebSocket ws = session.wsConnect(
                    aiohttp.url("ws", "/ws"),
                    WsOptions.defaults().compress(15).protocols("chat.v9", "chat.v1", "chat.v2"))) {
                assertThat(ws.protocol()).isEqualTo("chat.v1");
                assertThat(ws.compress()).isTrue();
                for (int i = 0; i < 10; i++) {
                    String text = "aiohttp " + i + " " + "again and again ".repeat(100);
                    ws.sendText(text);
                    assertThat(ws.receiveText()).isEqualTo(text);
                }
                ws.sendBytes(new byte[] {0, 1, 2, (byte) 255});
                assertThat(ws.receiveBytes()).containsExactly(0, 1, 2, 255);
                ws.sendText("big 200000");
                assertThat(ws.receiveText()).hasSize(200_000);
                ws.sendText("close 4002 from aiohttp");
                assertThat(ws.receive()).isEqualTo(new WsMessage.Close(4002, "from aiohttp"));
            }
            assertThat(aiohttp.line()).isEqualTo("CLOSED 4002");

            // aiohttp's heartbeat pings every 2 s and closes the connection when a pong is 1 s
            // late; the client's pongs keep it alive over two pings (a shorter heartbeat made the
            // test depend on a loaded machine answering within 0.1 s)
            try (WebSocket ws = session.wsConnect(aiohttp.url("ws", "/ws?compress=0&heartbeat=2"))) {
                assertThat(ws.compress()).isFalse();
                assertThatThrownBy(() -> ws.receive(Duration.ofSeconds(5)))
                        .isInstanceOf(java.util.concurrent.TimeoutException.class);
                ws.sendText("still here");
                assertThat(ws.receiveText()).isEqualTo("still here");
            }
            assertThat(aiohttp.line()).isEqualTo("CLOSED 1000");
        }
    }
}
