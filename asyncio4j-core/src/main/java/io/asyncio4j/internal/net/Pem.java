package io.asyncio4j.internal.net;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * SSL contexts from PEM files, as Python's {@code SSLContext.load_cert_chain(certfile, keyfile)} and
 * {@code load_verify_locations(cafile)} make them: what openssl, certbot and most servers write.
 */
public final class Pem {
    private static final String[] KEY_ALGORITHMS = {"EC", "RSA", "Ed25519", "Ed448", "RSASSA-PSS", "DSA"};

    private Pem() {}

    /** A server context presenting the chain in {@code certificateChain} with the key in {@code privateKey}. */
    public static SSLContext serverContext(Path certificateChain, Path privateKey) throws IOException {
        List<Certificate> chain = certificates(certificateChain);
        PrivateKey key = privateKey(privateKey);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, new char[0], chain.toArray(Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, new char[0]);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException(
                    "cannot use the key of " + privateKey + " with the certificate of " + certificateChain + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** A client context that trusts the certificates in {@code trusted} (and no others). */
    public static SSLContext clientContext(Path trusted) throws IOException {
        List<Certificate> certificates = certificates(trusted);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("trusted-" + i, certificates.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot trust the certificates of " + trusted + ": " + e.getMessage(), e);
        }
    }

    /** Every certificate in a PEM file, in order. */
    static List<Certificate> certificates(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            List<Certificate> list = new ArrayList<>(
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes)));
            if (list.isEmpty()) {
                throw new IOException(
                        file + " holds no certificate (expected PEM blocks" + " -----BEGIN CERTIFICATE-----)");
            }
            return list;
        } catch (java.security.cert.CertificateException e) {
            throw new IOException(file + " is not a PEM (or DER) certificate file: " + e.getMessage(), e);
        }
    }

    /** The unencrypted PKCS#8 private key in a PEM file ({@code -----BEGIN PRIVATE KEY-----}). */
    static PrivateKey privateKey(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN PRIVATE KEY-----";
        int start = text.indexOf(begin);
        if (start < 0) {
            throw new IOException(file + " holds no unencrypted PKCS#8 private key (-----BEGIN PRIVATE KEY-----)"
                    + otherKeyHint(text) + "; convert it with: openssl pkcs8 -topk8 -nocrypt -in " + file
                    + " -out key.pem");
        }
        int end = text.indexOf("-----END PRIVATE KEY-----", start);
        if (end < 0) {
            throw new IOException(file + ": the private key block has no -----END PRIVATE KEY----- line");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(start + begin.length(), end));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": the private key block is not valid base64: " + e.getMessage(), e);
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next
            }
        }
        throw new IOException(file + " holds a PKCS#8 private key of an algorithm this JDK cannot read" + " (tried "
                + String.join(", ", KEY_ALGORITHMS) + ")");
    }

    private static String otherKeyHint(String text) {
        if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            return ", but an encrypted one";
        }
        if (text.contains("-----BEGIN RSA PRIVATE KEY-----") || text.contains("-----BEGIN EC PRIVATE KEY-----")) {
            return ", but a key in the older PKCS#1/SEC1 form";
        }
        return "";
    }
}
