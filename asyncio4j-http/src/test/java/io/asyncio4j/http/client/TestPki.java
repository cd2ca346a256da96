package io.asyncio4j.http.client;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Asyncio;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority made by openssl for one test, and server certificates it signs: what a
 * private deployment has, with nothing from the JDK's trust store.
 */
final class TestPki {
    static final String OPENSSL = "openssl";

    final Path dir;
    /** The CA's certificate: what a client trusts. */
    final Path caCert;

    private final Path caKey;

    private TestPki(Path dir, String name) throws Exception {
        this.dir = dir;
        this.caCert = dir.resolve(name + "-ca.pem");
        this.caKey = dir.resolve(name + "-ca.key");
        openssl(
                "req",
                "-x509",
                NEW_KEY,
                caKey.toString(),
                "-out",
                caCert.toString(),
                "-subj",
                "/CN=asyncio4j test CA " + name,
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign",
                "-days",
                "2");
    }

    /** A new CA named {@code name} in {@code dir}; skips the test when openssl is missing. */
    static TestPki create(Path dir, String name) throws Exception {
        assumeTrue(
                Asyncio.toThread(() -> {
                    try {
                        return new ProcessBuilder(OPENSSL, "version").start().waitFor() == 0;
                    } catch (IOException e) {
                        return false;
                    }
                }),
                "openssl is not installed: the TLS peer tests are skipped");
        return Asyncio.toThread(() -> new TestPki(dir, name));
    }

    /** A server's PEM certificate and key. */
    record ServerCert(Path cert, Path key) {}

    /** A server certificate signed by this CA for the names of {@code subjectAltName} ("DNS:localhost,IP:127.0.0.1"). */
    ServerCert issue(String name, String subjectAltName) throws Exception {
        Path key = dir.resolve(name + ".key");
        Path csr = dir.resolve(name + ".csr");
        Path cert = dir.resolve(name + ".pem");
        Path ext = dir.resolve(name + ".ext");
        Files.writeString(
                ext,
                "subjectAltName=" + subjectAltName + "\nbasicConstraints=CA:FALSE\n"
                        + "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n");
        Asyncio.toThread(() -> {
            openssl("req", NEW_KEY, key.toString(), "-out", csr.toString(), "-subj", "/CN=" + name);
            openssl(
                    "x509",
                    "-req",
                    "-in",
                    csr.toString(),
                    "-CA",
                    caCert.toString(),
                    "-CAkey",
                    caKey.toString(),
                    "-CAcreateserial",
                    "-out",
                    cert.toString(),
                    "-days",
                    "2",
                    "-extfile",
                    ext.toString());
            return null;
        });
        return new ServerCert(cert, key);
    }

    /** Stands for the options that make a new P-256 key, unencrypted, written to the next argument. */
    private static final String NEW_KEY = "<new key>";

    private static void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(OPENSSL);
        for (String a : args) {
            if (a.equals(NEW_KEY)) {
                command.addAll(
                        List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout"));
            } else {
                command.add(a);
            }
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed: " + output);
        }
    }
}
