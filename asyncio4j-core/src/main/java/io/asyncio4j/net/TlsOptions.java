package io.asyncio4j.net;

import io.asyncio4j.internal.net.Pem;
import java.io.IOException;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * How a stream speaks TLS: the {@link SSLContext} (certificates, trust), the side, the server name,
 * ALPN and the handshake timeout. Immutable; each method returns a changed copy.
 *
 * {@snippet :
 * TlsOptions tls = TlsOptions.client().applicationProtocols("h2", "http/1.1");
 * StreamPair conn = Streams.openConnection("example.com", 443, ConnectOptions.defaults().tls(tls));
 * }
 *
 * <p>A client verifies the server by default: its certificate chain with the context's trust
 * managers, and its name (the host passed to {@code openConnection}, or {@link #serverName}) with
 * HTTPS endpoint identification. Renegotiation started by the peer is refused (the connection fails
 * with an {@link javax.net.ssl.SSLException}); TLS 1.3 key updates are fine.
 */
public final class TlsOptions {
    private final SSLContext context;
    private final boolean client;
    private String serverName;
    private boolean verifyHostname = true;
    private List<String> applicationProtocols = List.of();
    private List<String> protocols;
    private Duration handshakeTimeout = Duration.ofSeconds(60);
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private boolean needClientAuth;

    private TlsOptions(SSLContext context, boolean client) {
        this.context = context;
        this.client = client;
    }

    private TlsOptions copy() {
        TlsOptions c = new TlsOptions(context, client);
        c.serverName = serverName;
        c.verifyHostname = verifyHostname;
        c.applicationProtocols = applicationProtocols;
        c.protocols = protocols;
        c.handshakeTimeout = handshakeTimeout;
        c.shutdownTimeout = shutdownTimeout;
        c.needClientAuth = needClientAuth;
        return c;
    }

    /** Client side with the JVM's default context ({@link SSLContext#getDefault()}): the JDK's trust store. */
    public static TlsOptions client() {
        return new TlsOptions(null, true);
    }

    /** Client side with {@code context}. */
    public static TlsOptions client(SSLContext context) {
        return new TlsOptions(Objects.requireNonNull(context, "context"), true);
    }

    /** Server side with {@code context}, which holds the server's key and certificate. */
    public static TlsOptions server(SSLContext context) {
        return new TlsOptions(Objects.requireNonNull(context, "context"), false);
    }

    /**
     * Server side presenting the certificate chain of a PEM file (the server's certificate first,
     * then its intermediates) with the unencrypted PKCS#8 key of another ({@code -----BEGIN PRIVATE
     * KEY-----}, what openssl 3 writes): Python's {@code ctx.load_cert_chain(certfile, keyfile)}.
     *
     * {@snippet :
     * TlsOptions tls = TlsOptions.server(Path.of("cert.pem"), Path.of("key.pem"));
     * Server server = Streams.startServer(handler, "0.0.0.0", 8443, ServerOptions.defaults().tls(tls));
     * }
     *
     * @throws IOException if a file cannot be read, or does not hold what it should: the message
     *     names the file, and for a key in another form, the openssl command that converts it
     */
    public static TlsOptions server(Path certificateChain, Path privateKey) throws IOException {
        return server(Pem.serverContext(certificateChain, privateKey));
    }

    /**
     * Client side that trusts the certificates of a PEM file (a private CA, or a self-signed
     * server) instead of the JDK's trust store: Python's {@code
     * ssl.create_default_context(cafile=...)}. The server's name is still checked.
     *
     * @throws IOException if the file cannot be read or holds no certificate
     */
    public static TlsOptions client(Path trustedCertificates) throws IOException {
        return client(Pem.clientContext(trustedCertificates));
    }

    /**
     * The name sent as SNI and verified against the server's certificate (client side); by default
     * the host passed to {@code openConnection}.
     */
    public TlsOptions serverName(String name) {
        TlsOptions c = copy();
        c.serverName = Objects.requireNonNull(name, "name");
        return c;
    }

    /**
     * Whether a client checks that the server's certificate names the server (on by default). The
     * chain itself is always checked by the context's trust managers.
     */
    public TlsOptions verifyHostname(boolean verify) {
        TlsOptions c = copy();
        c.verifyHostname = verify;
        return c;
    }

    /** The ALPN protocols offered (client) or accepted (server), most preferred first. */
    public TlsOptions applicationProtocols(String... protocols) {
        TlsOptions c = copy();
        c.applicationProtocols = List.of(protocols);
        return c;
    }

    /** The TLS versions enabled, like {@code "TLSv1.3"}; by default the context's. */
    public TlsOptions protocols(String... versions) {
        TlsOptions c = copy();
        c.protocols = List.of(versions);
        return c;
    }

    /**
     * How long the handshake may take before the connection is aborted with {@link
     * java.net.SocketTimeoutException}: 60 seconds by default, as asyncio's {@code
     * ssl_handshake_timeout}.
     */
    public TlsOptions handshakeTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout must be positive: " + timeout);
        }
        TlsOptions c = copy();
        c.handshakeTimeout = timeout;
        return c;
    }

    /**
     * How long a closing stream may take to send what it buffered and its close_notify before the
     * connection is cut: 30 seconds by default, as asyncio's {@code ssl_shutdown_timeout}. A peer
     * that stops reading would otherwise hold a closed stream's socket forever; once cut, {@code
     * drain()} reports a {@link java.net.SocketTimeoutException} naming the shutdown, and {@code
     * waitClosed()} returns.
     */
    public TlsOptions shutdownTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("shutdownTimeout must be positive: " + timeout);
        }
        TlsOptions c = copy();
        c.shutdownTimeout = timeout;
        return c;
    }

    /** Whether a server requires a client certificate. */
    public TlsOptions needClientAuth(boolean need) {
        TlsOptions c = copy();
        c.needClientAuth = need;
        return c;
    }

    /** Whether this is the client side. */
    public boolean isClient() {
        return client;
    }

    /** The handshake timeout. */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** The shutdown timeout ({@link #shutdownTimeout(Duration)}). */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /** The ALPN protocols, most preferred first. */
    public List<String> applicationProtocols() {
        return applicationProtocols;
    }

    /** A configured engine for a connection to (client) or from (server) {@code host:port}. */
    SSLEngine newEngine(String host, int port) {
        SSLContext ctx = context;
        if (ctx == null) {
            try {
                ctx = SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("no default SSLContext in this JVM", e);
            }
        }
        String name = serverName != null ? serverName : host;
        SSLEngine engine = client && name != null ? ctx.createSSLEngine(name, port) : ctx.createSSLEngine();
        engine.setUseClientMode(client);
        SSLParameters params = engine.getSSLParameters();
        if (client) {
            if (verifyHostname) {
                params.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (name != null && !Resolvers.isLiteral(name)) {
                params.setServerNames(List.of(new SNIHostName(name)));
            }
        } else if (needClientAuth) {
            params.setNeedClientAuth(true);
        }
        if (!applicationProtocols.isEmpty()) {
            params.setApplicationProtocols(applicationProtocols.toArray(String[]::new));
        }
        if (protocols != null) {
            params.setProtocols(protocols.toArray(String[]::new));
        }
        engine.setSSLParameters(params);
        return engine;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add(client ? "client" : "server");
        if (serverName != null) {
            parts.add("serverName=" + serverName);
        }
        if (!verifyHostname) {
            parts.add("verifyHostname=false");
        }
        if (!applicationProtocols.isEmpty()) {
            parts.add("alpn=" + applicationProtocols);
        }
        parts.add("handshakeTimeout=" + handshakeTimeout);
        parts.add("shutdownTimeout=" + shutdownTimeout);
        return "TlsOptions" + parts;
    }
}
