package io.asyncio4j.net;

import static io.asyncio4j.net.NetTests.ascii;
import static io.asyncio4j.net.NetTests.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.LoopGroup;
import io.asyncio4j.Task;
import io.asyncio4j.sync.Event;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Server: its lifecycle, its clients, and connections spread over a LoopGroup. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServerTest {

    @Test
    void closeStopsListeningAndWaitClosedWaitsForTheHandlers() throws Exception {
        List<String> log = NetTests.run(() -> {
            List<String> out = Collections.synchronizedList(new ArrayList<>());
            Event started = new Event();
            Event finish = new Event();
            Server server = Streams.startServer(
                    (reader, writer) -> {
                        out.add("handler started");
                        started.set();
                        finish.await();
                        writer.write(ascii("done\n"));
                        out.add("handler finished");
                    },
                    "127.0.0.1",
                    0);
            int port = port(server);
            StreamPair conn = Streams.openConnection("127.0.0.1", port);
            started.await();
            server.close();
            out.add("closed; serving " + server.isServing() + ", active " + server.activeConnections());
            Asyncio.yieldNow(); // the loop's next select releases the listening socket
            assertThatThrownBy(() -> Streams.openConnection("127.0.0.1", port)).isInstanceOf(ConnectException.class);
            Task<Void> waiter = Asyncio.createTask(() -> {
                server.waitClosed();
                out.add("waitClosed returned");
            });
            Asyncio.sleep(Duration.ofMillis(20));
            finish.set();
            waiter.await();
            out.add("client got " + ascii(conn.reader().readLine()).strip());
            conn.close();
            return out;
        });
        assertThat(log)
                .containsExactly(
                        "handler started",
                        "closed; serving false, active 1",
                        "handler finished",
                        "waitClosed returned",
                        "client got done");
    }

    @Test
    void cancellingServeForeverClosesTheServer() throws Exception {
        NetTests.run(() -> {
            Server server = Streams.startServer((reader, writer) -> {}, "127.0.0.1", 0);
            Task<Void> serving = Asyncio.createTask(server::serveForever);
            Asyncio.sleep(Duration.ofMillis(10));
            assertThat(server.isServing()).isTrue();
            serving.cancel();
            assertThatThrownBy(serving::await).isInstanceOf(CancelledError.class);
            assertThat(server.isServing()).isFalse();
            server.waitClosed();
            return null;
        });
    }

    @Test
    void closeClientsEndsEveryConnection() throws Exception {
        List<String> log = NetTests.run(() -> {
            List<String> out = Collections.synchronizedList(new ArrayList<>());
            Server server = Streams.startServer(
                    (reader, writer) -> {
                        writer.write(ascii("welcome\n"));
                        byte[] line = reader.readLine(); // until the server closes us
                        out.add("handler: " + (line.length == 0 && reader.atEof() ? "end of stream" : "a line"));
                    },
                    "127.0.0.1",
                    0);
            List<StreamPair> clients = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                StreamPair c = Streams.openConnection("127.0.0.1", port(server));
                assertThat(ascii(c.reader().readLine())).isEqualTo("welcome\n");
                clients.add(c);
            }
            server.close();
            server.closeClients();
            server.waitClosed();
            for (StreamPair c : clients) {
                out.add("client eof: " + (c.reader().read(10).length == 0));
                c.close();
            }
            return out;
        });
        assertThat(log)
                .containsExactly(
                        "handler: end of stream",
                        "handler: end of stream",
                        "handler: end of stream",
                        "client eof: true",
                        "client eof: true",
                        "client eof: true");
    }

    @Test
    void aLoopGroupSpreadsConnectionsAndEachStaysOnItsLoop() throws Exception {
        Map<String, Set<String>> loopsByConnection = new ConcurrentHashMap<>();
        try (LoopGroup workers = LoopGroup.open(2)) {
            NetTests.run(() -> {
                String acceptLoop = Asyncio.currentLoop().name();
                Server server = Streams.startServer(
                        (reader, writer) -> {
                            byte[] line;
                            while ((line = reader.readLine()).length > 0) {
                                loopsByConnection
                                        .computeIfAbsent(ascii(line).strip(), k -> ConcurrentHashMap.newKeySet())
                                        .add(Asyncio.currentLoop().name());
                                writer.write(line);
                                writer.drain();
                            }
                        },
                        "127.0.0.1",
                        0,
                        ServerOptions.defaults().loopGroup(workers));
                Asyncio.taskGroup(tg -> {
                    for (int i = 0; i < 20; i++) {
                        int id = i;
                        tg.createTask(() -> {
                            StreamPair c = Streams.openConnection("127.0.0.1", port(server));
                            for (int k = 0; k < 5; k++) {
                                c.writer().write(ascii("conn-" + id + "\n"));
                                assertThat(ascii(c.reader().readLine())).isEqualTo("conn-" + id + "\n");
                            }
                            c.writer().close();
                            c.writer().waitClosed();
                            return null;
                        });
                    }
                });
                server.close();
                server.waitClosed();
                assertThat(server.activeConnections()).isZero();
                Set<String> used = new HashSet<>();
                loopsByConnection.values().forEach(used::addAll);
                assertThat(used).doesNotContain(acceptLoop);
                return null;
            });
            List<String> names =
                    workers.loops().stream().map(io.asyncio4j.Loop::name).toList();
            assertThat(loopsByConnection).hasSize(20);
            // Every connection ran on one loop of the group, and both loops served some.
            assertThat(loopsByConnection.values()).allSatisfy(s -> assertThat(s).hasSize(1));
            Set<String> used = new HashSet<>();
            loopsByConnection.values().forEach(used::addAll);
            assertThat(used).containsExactlyInAnyOrderElementsOf(names);
        }
    }

    @Test
    void localhostBindsEveryAddressItResolvesTo() throws Exception {
        NetTests.run(() -> {
            Server server = Streams.startServer((reader, writer) -> writer.write(ascii("ok\n")), "localhost", 0);
            assertThat(server.addresses()).isNotEmpty();
            for (SocketAddress a : server.addresses()) {
                InetSocketAddress isa = (InetSocketAddress) a;
                assertThat(isa.getAddress().isLoopbackAddress()).isTrue();
                StreamPair c = Streams.openConnection(isa.getAddress().getHostAddress(), isa.getPort());
                assertThat(ascii(c.reader().readLine())).isEqualTo("ok\n");
                c.close();
            }
            server.close();
            server.waitClosed();
            return null;
        });
    }

    @Test
    void abortClientsDropsWhatIsBuffered() throws Exception {
        NetTests.run(() -> {
            Event stuck = new Event();
            Server server = Streams.startServer(
                    (reader, writer) -> {
                        byte[] big = new byte[1 << 20];
                        try {
                            while (true) {
                                writer.write(big); // the client never reads: the buffer fills
                                stuck.set();
                                writer.drain();
                            }
                        } catch (UncheckedIOException e) {
                            // aborted
                        }
                    },
                    "127.0.0.1",
                    0);
            StreamPair c = Streams.openConnection("127.0.0.1", port(server));
            stuck.await();
            Asyncio.sleep(Duration.ofMillis(20));
            server.close();
            server.abortClients();
            Asyncio.timeout(Duration.ofSeconds(30), () -> {
                server.waitClosed();
                return null;
            });
            c.writer().abort();
            return null;
        });
    }
}
