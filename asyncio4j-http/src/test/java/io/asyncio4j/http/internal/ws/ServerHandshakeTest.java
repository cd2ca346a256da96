package io.asyncio4j.http.internal.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.http.ws.WsOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The server's decision over a handshake request (RFC 6455 section 4.2.1, 4.2.2, 4.4). */
class ServerHandshakeTest {
    /** The request of RFC 6455 section 1.3. */
    private static Headers request() {
        return new Headers()
                .add("Host", "server.example.com")
                .add("Upgrade", "websocket")
                .add("Connection", "keep-alive, Upgrade")
                .add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .add("Origin", "http://example.com")
                .add("Sec-WebSocket-Protocol", "chat, superchat")
                .add("Sec-WebSocket-Version", "13");
    }

    @Test
    void theRfcsExampleIsAcceptedWithItsAcceptValue() {
        ServerHandshake.Outcome o = ServerHandshake.negotiate(
                "GET", HttpVersion.HTTP_1_1, request(), WsOptions.defaults().protocols("superchat", "chat"));
        assertThat(o.status()).isEqualTo(101);
        assertThat(o.headers().get("Sec-WebSocket-Accept")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assertThat(o.protocol())
                .as("the client's first choice the server speaks")
                .isEqualTo("chat");
        assertThat(o.headers().get("Sec-WebSocket-Protocol")).isEqualTo("chat");
        assertThat(o.headers().get("Sec-WebSocket-Extensions")).isNull();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "method | 405 | a WebSocket handshake is a GET, not POST",
                "version | 400 | needs HTTP/1.1",
                "Upgrade | 400 | no 'Upgrade: websocket'",
                "Connection | 400 | no 'Connection: Upgrade'",
                "Sec-WebSocket-Version | 426 | Sec-WebSocket-Version 8 is not supported",
                "Sec-WebSocket-Key | 400 | Sec-WebSocket-Key must be one base64 value of 16 bytes",
                "Origin | 403 | the origin http://example.com is not allowed",
            })
    void anInvalidRequestIsRefused(String broken, int status, String problem) {
        Headers h = request();
        String method = "GET";
        HttpVersion version = HttpVersion.HTTP_1_1;
        WsOptions options = WsOptions.defaults();
        switch (broken) {
            case "method" -> method = "POST";
            case "version" -> version = HttpVersion.HTTP_1_0;
            case "Upgrade" -> h.set("Upgrade", "h2c");
            case "Connection" -> h.set("Connection", "keep-alive");
            case "Sec-WebSocket-Version" -> h.set("Sec-WebSocket-Version", "8");
            case "Sec-WebSocket-Key" -> h.set("Sec-WebSocket-Key", "c2hvcnQ=");
            case "Origin" -> options = options.originCheck(o -> o != null && o.startsWith("https://"));
            default -> throw new IllegalArgumentException(broken);
        }
        ServerHandshake.Outcome o = ServerHandshake.negotiate(method, version, h, options);
        assertThat(o.status()).isEqualTo(status);
        assertThat(o.problem()).contains(problem);
        if (status == 426) {
            assertThat(o.headers().get("Sec-WebSocket-Version"))
                    .as("RFC 6455 4.4")
                    .isEqualTo("13");
        }
    }

    @Test
    void deflateIsAgreedOnlyWhenOnAndOffered() {
        Headers h = request().add("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits");
        assertThat(ServerHandshake.negotiate("GET", HttpVersion.HTTP_1_1, h, WsOptions.defaults())
                        .deflate())
                .isNull();
        ServerHandshake.Outcome o = ServerHandshake.negotiate(
                "GET", HttpVersion.HTTP_1_1, h, WsOptions.defaults().compress(15));
        assertThat(o.headers().get("Sec-WebSocket-Extensions")).isEqualTo("permessage-deflate");
        assertThat(ServerHandshake.negotiate(
                                "GET",
                                HttpVersion.HTTP_1_1,
                                request(),
                                WsOptions.defaults().compress(15))
                        .deflate())
                .isNull();
    }
}
