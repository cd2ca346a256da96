package io.asyncio4j.bench.peers.jdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * W4 tcp-echo on JDK virtual threads: a {@code ServerSocket} accept loop, one virtual thread per
 * connection (the default scheduler), blocking {@code read} and {@code write}.
 *
 * <p>Usage: {@code TcpEcho serve [port=0]}. Listens on 127.0.0.1 (port 0: any free one), prints
 * {@code READY port=<n>} and serves until its standard input closes; the harness runs the load
 * generator ({@code peers/c/w4_loadgen.c}) and measures this process's CPU time. The same protocol
 * as its asyncio4j twin, {@code io.asyncio4j.bench.workloads.TcpEcho serve}.
 */
public final class TcpEcho {
    private TcpEcho() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !args[0].equals("serve")) {
            throw new IllegalArgumentException("usage: TcpEcho serve [port]");
        }
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress("127.0.0.1", port), 1024);
            Thread.ofVirtual().name("accept").start(() -> acceptAll(server));
            System.out.println("READY port=" + server.getLocalPort());
            System.out.flush();
            System.in.transferTo(OutputStream.nullOutputStream());
        }
        // Closing the server socket ends the accept loop; the connections' threads are daemons.
    }

    private static void acceptAll(ServerSocket server) {
        try {
            while (true) {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> echo(socket));
            }
        } catch (IOException closed) {
            // the server socket was closed: stop accepting
        }
    }

    /** Reads up to 64 KiB at a time and writes it back, until the client closes or resets. */
    private static void echo(Socket socket) {
        try (socket;
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream()) {
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
        } catch (IOException gone) {
            // the load generator closes its sockets with echoes unread: a reset
        }
    }
}
