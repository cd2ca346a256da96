package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.net.Server;
import io.asyncio4j.net.StreamReader;
import io.asyncio4j.net.StreamWriter;
import io.asyncio4j.net.Streams;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The stand-in for the web APIs of the aiohttp tutorials ({@code api.example.com}, {@code
 * api.github.com}, {@code httpbin.org}): a tiny HTTP/1.1 server on a loopback port, started by the
 * example itself, so the programs never touch the internet. Each answer takes {@link #DELAY}, as the
 * tutorials' "1 s each" assumes. It reads only GET requests without bodies: enough for the
 * examples, not a server to copy.
 */
final class LocalApi implements AutoCloseable {
    /** How long each answer takes. */
    static final Duration DELAY = Duration.ofSeconds(1);

    private final Server server;

    private LocalApi(Server server) {
        this.server = server;
    }

    /** Starts the server on a free loopback port of the current loop. */
    static LocalApi start() throws Exception {
        return new LocalApi(Streams.startServer(LocalApi::serve, "127.0.0.1", 0));
    }

    /** The URL of {@code path} on this server. */
    String url(String path) {
        return "http://127.0.0.1:" + ((InetSocketAddress) server.addresses().get(0)).getPort() + path;
    }

    private static void serve(StreamReader reader, StreamWriter writer) {
        try {
            while (true) {
                byte[] line = reader.readLine();
                if (line.length == 0) {
                    return;
                }
                String path = new String(line, StandardCharsets.ISO_8859_1).split(" ")[1];
                while (reader.readLine().length > 2) {
                    // header fields: not needed
                }
                Asyncio.sleep(DELAY);
                answer(writer, path);
            }
        } catch (UncheckedIOException e) {
            // the client went away
        }
    }

    private static void answer(StreamWriter writer, String path) {
        String type = "application/json";
        String body;
        if (path.startsWith("/users/")) {
            String who = path.substring("/users/".length());
            body = who.chars().allMatch(Character::isDigit)
                    ? "{\"id\": " + who + ", \"name\": \"User " + who + "\"}"
                    : "{\"login\": \"" + who + "\", \"type\": \"User\"}";
        } else if (path.equals("/get")) {
            body = "{\"args\": {}, \"headers\": {\"Host\": \"127.0.0.1\"}, \"url\": \"http://127.0.0.1/get\"}";
        } else if (path.equals("/")) {
            body = "{\"current_user_url\": \"/user\", \"emojis_url\": \"/emojis\", \"events_url\": \"/events\"}";
        } else {
            type = "text/html; charset=utf-8";
            body = "<!doctype html><html><head><title>Example Domain</title></head><body><h1>" + path
                    + "</h1><p>This domain is for use in illustrative examples.</p></body></html>";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 200 OK\r\nContent-Type: " + type + "\r\nContent-Length: " + bytes.length + "\r\n\r\n";
        writer.write(head.getBytes(StandardCharsets.ISO_8859_1));
        writer.write(bytes);
    }

    /** Stops the server and ends its connections. */
    @Override
    public void close() {
        server.close();
        server.closeClients();
        server.waitClosed();
    }
}
