package io.asyncio4j.http.ws;

/**
 * The status codes of a WebSocket close frame (RFC 6455 section 7.4.1 and IANA's registry):
 * aiohttp's {@code WSCloseCode}. {@link WebSocket#close(int, String)} sends 1000 to 1003, 1007 to
 * 1014 or 3000 to 4999; 1005, 1006 and 1015 only ever describe a close, they are never sent.
 */
public final class WsCloseCode {
    private WsCloseCode() {}

    /** 1000: the purpose of the connection was fulfilled. */
    public static final int OK = 1000;
    /** 1001: the endpoint is going away (a server shutting down, a page left). */
    public static final int GOING_AWAY = 1001;
    /** 1002: the peer broke the protocol. */
    public static final int PROTOCOL_ERROR = 1002;
    /** 1003: a message of a type the endpoint cannot accept (binary to a text-only endpoint). */
    public static final int UNSUPPORTED_DATA = 1003;
    /** 1005: the close frame carried no code; reported, never sent. */
    public static final int NO_STATUS_RECEIVED = 1005;
    /** 1006: the connection ended without a close frame; reported, never sent. */
    public static final int ABNORMAL_CLOSURE = 1006;
    /** 1007: a text message that is not UTF-8, or data that does not decompress. */
    public static final int INVALID_TEXT = 1007;
    /** 1008: a message that breaks the endpoint's policy. */
    public static final int POLICY_VIOLATION = 1008;
    /** 1009: a message larger than the endpoint accepts. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** 1010: the client needed an extension that the server did not agree to. */
    public static final int MANDATORY_EXTENSION = 1010;
    /** 1011: the server met an unexpected condition. */
    public static final int INTERNAL_ERROR = 1011;
    /** 1012: the service is restarting. */
    public static final int SERVICE_RESTART = 1012;
    /** 1013: try again later. */
    public static final int TRY_AGAIN_LATER = 1013;
    /** 1014: a gateway got an invalid answer from upstream. */
    public static final int BAD_GATEWAY = 1014;

    /**
     * Whether {@code code} may be sent in a close frame, and so accepted in one: the registered codes
     * 1000-1003 and 1007-1014, and 3000-4999 (libraries, frameworks and applications).
     */
    public static boolean isSendable(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}
