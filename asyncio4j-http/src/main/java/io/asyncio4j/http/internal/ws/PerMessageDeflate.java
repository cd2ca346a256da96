package io.asyncio4j.http.internal.ws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The negotiation of permessage-deflate (RFC 7692 section 7.1): what a client offers, what a server
 * answers to an offer, and what a client makes of that answer. The agreed parameters are a {@link
 * PerMessageDeflate} record; {@link #forClient()} and {@link #forServer()} turn them into what each
 * side does.
 *
 * <p>This side always inflates with a 32 KiB window, which reads any window the peer uses, so it
 * never needs to limit the peer's window. It compresses with the JDK's 32 KiB window, and when the
 * peer limits it to fewer bits it keeps to that limit as {@link MessageDeflater} explains.
 *
 * @param serverNoContextTakeover the server compresses each message alone
 * @param clientNoContextTakeover the client compresses each message alone
 * @param serverMaxWindowBits the largest window the server may compress with (8-15)
 * @param clientMaxWindowBits the largest window the client may compress with (8-15)
 */
public record PerMessageDeflate(
        boolean serverNoContextTakeover,
        boolean clientNoContextTakeover,
        int serverMaxWindowBits,
        int clientMaxWindowBits) {

    /** The extension's token. */
    public static final String NAME = "permessage-deflate";

    private static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    private static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    private static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    private static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

    /** One extension of a {@code Sec-WebSocket-Extensions} list: its token and parameters in order. */
    public record Extension(String name, Map<String, String> params, boolean duplicateParam) {}

    /** The decoder settings and deflater of the client's side. */
    public Sides forClient() {
        return new Sides(serverNoContextTakeover, clientNoContextTakeover, clientMaxWindowBits);
    }

    /** The decoder settings and deflater of the server's side. */
    public Sides forServer() {
        return new Sides(clientNoContextTakeover, serverNoContextTakeover, serverMaxWindowBits);
    }

    /**
     * What one side does.
     *
     * @param resetInflaterPerMessage the peer compresses each message alone
     * @param deflaterNoContextTakeover this side must compress each message alone
     * @param deflaterWindowBits the window this side may use
     */
    public record Sides(boolean resetInflaterPerMessage, boolean deflaterNoContextTakeover, int deflaterWindowBits) {
        /** A deflater for this side's messages. */
        public MessageDeflater deflater(int level) {
            return new MessageDeflater(deflaterNoContextTakeover, deflaterWindowBits, level);
        }
    }

    // ---- the client ----

    /**
     * The client's offer: permessage-deflate, saying it accepts a limit on its own window ({@code
     * client_max_window_bits}), asking the server for {@code serverMaxWindowBits} when below 15 and
     * for {@code server_no_context_takeover} when {@code serverNoContextTakeover}, and announcing
     * {@code client_no_context_takeover} when {@code clientNoContextTakeover}.
     */
    public static String clientOffer(
            int serverMaxWindowBits, boolean serverNoContextTakeover, boolean clientNoContextTakeover) {
        checkBits(serverMaxWindowBits);
        StringBuilder s = new StringBuilder(NAME).append("; ").append(CLIENT_MAX_WINDOW_BITS);
        if (serverMaxWindowBits < 15) {
            s.append("; ").append(SERVER_MAX_WINDOW_BITS).append('=').append(serverMaxWindowBits);
        }
        if (serverNoContextTakeover) {
            s.append("; ").append(SERVER_NO_CONTEXT_TAKEOVER);
        }
        if (clientNoContextTakeover) {
            s.append("; ").append(CLIENT_NO_CONTEXT_TAKEOVER);
        }
        return s.toString();
    }

    /**
     * What the server's {@code Sec-WebSocket-Extensions} answer agrees to, for the offer of {@link
     * #clientOffer}; null when the answer has no extension.
     *
     * @throws IllegalArgumentException naming the problem when the answer is not a valid acceptance
     *     of that offer (the client must then fail the connection, RFC 6455 section 4.1)
     */
    public static PerMessageDeflate clientAccepts(String header, int offeredServerMaxWindowBits) {
        if (header == null || header.isBlank()) {
            return null;
        }
        List<Extension> extensions = parse(header);
        if (extensions.size() != 1 || !extensions.get(0).name().equals(NAME)) {
            throw new IllegalArgumentException(
                    "the server agreed to extensions that were not offered: '" + header + "'");
        }
        Extension e = extensions.get(0);
        if (e.duplicateParam()) {
            throw new IllegalArgumentException("the server's permessage-deflate repeats a parameter: '" + header + "'");
        }
        boolean serverNo = false;
        boolean clientNo = false;
        int serverBits = 15;
        int clientBits = 15;
        for (Map.Entry<String, String> p : e.params().entrySet()) {
            String v = p.getValue();
            switch (p.getKey()) {
                case SERVER_NO_CONTEXT_TAKEOVER -> serverNo = noValue(p, header);
                case CLIENT_NO_CONTEXT_TAKEOVER -> clientNo = noValue(p, header);
                case SERVER_MAX_WINDOW_BITS -> {
                    serverBits = bits(v);
                    if (serverBits < 0 || serverBits > offeredServerMaxWindowBits) {
                        throw new IllegalArgumentException("the server's server_max_window_bits is not 8.."
                                + offeredServerMaxWindowBits + ": '" + header + "'");
                    }
                }
                case CLIENT_MAX_WINDOW_BITS -> {
                    clientBits = bits(v);
                    if (clientBits < 0) {
                        throw new IllegalArgumentException(
                                "the server's client_max_window_bits is not 8..15: '" + header + "'");
                    }
                }
                default ->
                    throw new IllegalArgumentException("the server's permessage-deflate has an unknown parameter '"
                            + p.getKey() + "': '" + header + "'");
            }
        }
        return new PerMessageDeflate(serverNo, clientNo, serverBits, clientBits);
    }

    // ---- the server ----

    /**
     * The server's choice among the client's offers ({@code Sec-WebSocket-Extensions} header values):
     * the first valid permessage-deflate offer, as agreed parameters; null when there is none, then
     * the connection goes on uncompressed. Offers with unknown, repeated or out-of-range parameters
     * are declined (RFC 7692 section 5).
     *
     * @param serverNoContextTakeover whether this server compresses each message alone even when
     *     the client did not ask for it
     * @param clientNoContextTakeover whether this server asks the client to compress each message
     *     alone (RFC 7692 7.1.1.2 allows it even when the offer did not say so)
     */
    public static PerMessageDeflate serverAccepts(
            List<String> headerValues, boolean serverNoContextTakeover, boolean clientNoContextTakeover) {
        for (String header : headerValues) {
            List<Extension> offers;
            try {
                offers = parse(header);
            } catch (IllegalArgumentException e) {
                return null; // a list we cannot read: no extension rather than a guess
            }
            offers:
            for (Extension e : offers) {
                if (!e.name().equals(NAME) || e.duplicateParam()) {
                    continue;
                }
                boolean serverNo = serverNoContextTakeover;
                boolean clientNo = clientNoContextTakeover;
                int serverBits = 15;
                for (Map.Entry<String, String> p : e.params().entrySet()) {
                    String v = p.getValue();
                    switch (p.getKey()) {
                        case SERVER_NO_CONTEXT_TAKEOVER -> {
                            if (v != null) {
                                continue offers;
                            }
                            serverNo = true;
                        }
                        case CLIENT_NO_CONTEXT_TAKEOVER -> {
                            if (v != null) {
                                continue offers;
                            }
                            clientNo = true;
                        }
                        case SERVER_MAX_WINDOW_BITS -> {
                            serverBits = bits(v);
                            if (serverBits < 0) {
                                continue offers;
                            }
                        }
                        case CLIENT_MAX_WINDOW_BITS -> {
                            if (v != null && bits(v) < 0) {
                                continue offers;
                            }
                        }
                        default -> {
                            continue offers;
                        }
                    }
                }
                return new PerMessageDeflate(serverNo, clientNo, serverBits, 15);
            }
        }
        return null;
    }

    /** The server's {@code Sec-WebSocket-Extensions} answer for these parameters. */
    public String serverResponse() {
        StringBuilder s = new StringBuilder(NAME);
        if (serverNoContextTakeover) {
            s.append("; ").append(SERVER_NO_CONTEXT_TAKEOVER);
        }
        if (clientNoContextTakeover) {
            s.append("; ").append(CLIENT_NO_CONTEXT_TAKEOVER);
        }
        if (serverMaxWindowBits < 15) {
            s.append("; ").append(SERVER_MAX_WINDOW_BITS).append('=').append(serverMaxWindowBits);
        }
        return s.toString();
    }

    // ---- parsing ----

    /**
     * The extensions of a {@code Sec-WebSocket-Extensions} value (RFC 6455 section 9.1): tokens,
     * parameters with token or quoted-string values; names compared in lower case.
     *
     * @throws IllegalArgumentException if the value does not follow the grammar
     */
    public static List<Extension> parse(String header) {
        List<Extension> out = new ArrayList<>();
        int[] pos = {0};
        int n = header.length();
        while (true) {
            skipSpace(header, pos);
            if (pos[0] >= n) {
                break;
            }
            if (header.charAt(pos[0]) == ',') { // empty list elements are allowed (RFC 9110 5.6.1)
                pos[0]++;
                continue;
            }
            String name = token(header, pos);
            Map<String, String> params = new LinkedHashMap<>();
            boolean duplicate = false;
            skipSpace(header, pos);
            while (pos[0] < n && header.charAt(pos[0]) == ';') {
                pos[0]++;
                skipSpace(header, pos);
                String key = token(header, pos).toLowerCase(Locale.ROOT);
                skipSpace(header, pos);
                String value = null;
                if (pos[0] < n && header.charAt(pos[0]) == '=') {
                    pos[0]++;
                    skipSpace(header, pos);
                    value = pos[0] < n && header.charAt(pos[0]) == '"' ? quoted(header, pos) : token(header, pos);
                    skipSpace(header, pos);
                }
                if (params.containsKey(key)) {
                    duplicate = true;
                }
                params.put(key, value);
            }
            out.add(new Extension(name.toLowerCase(Locale.ROOT), params, duplicate));
            if (pos[0] < n) {
                if (header.charAt(pos[0]) != ',') {
                    throw new IllegalArgumentException(
                            "unexpected '" + header.charAt(pos[0]) + "' at " + pos[0] + " in '" + header + "'");
                }
                pos[0]++;
            }
        }
        return out;
    }

    private static boolean noValue(Map.Entry<String, String> p, String header) {
        if (p.getValue() != null) {
            throw new IllegalArgumentException(p.getKey() + " takes no value: '" + header + "'");
        }
        return true;
    }

    /** A window-bits value 8..15, or -1. */
    private static int bits(String v) {
        if (v == null || v.isEmpty() || v.length() > 2) {
            return -1;
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return -1;
            }
        }
        int b = Integer.parseInt(v);
        return b >= 8 && b <= 15 && !(v.length() == 2 && v.charAt(0) == '0') ? b : -1;
    }

    private static void checkBits(int bits) {
        if (bits < 8 || bits > 15) {
            throw new IllegalArgumentException("window bits must be 8..15, got " + bits);
        }
    }

    private static void skipSpace(String s, int[] pos) {
        while (pos[0] < s.length() && (s.charAt(pos[0]) == ' ' || s.charAt(pos[0]) == '\t')) {
            pos[0]++;
        }
    }

    private static String token(String s, int[] pos) {
        int start = pos[0];
        while (pos[0] < s.length() && isTokenChar(s.charAt(pos[0]))) {
            pos[0]++;
        }
        if (pos[0] == start) {
            throw new IllegalArgumentException("a token expected at " + start + " in '" + s + "'");
        }
        return s.substring(start, pos[0]);
    }

    private static String quoted(String s, int[] pos) {
        StringBuilder b = new StringBuilder();
        pos[0]++;
        while (pos[0] < s.length()) {
            char c = s.charAt(pos[0]++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\' && pos[0] < s.length()) {
                c = s.charAt(pos[0]++);
            }
            b.append(c);
        }
        throw new IllegalArgumentException("an unterminated quoted string in '" + s + "'");
    }

    private static boolean isTokenChar(char c) {
        return c > 0x20 && c < 0x7F && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
}
