package io.asyncio4j.http.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Loop;
import io.asyncio4j.Task;
import io.asyncio4j.http.internal.ws.PerMessageDeflate;
import io.asyncio4j.sync.Event;
import io.asyncio4j.testing.AsyncioTest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The message API over a connection in memory, on the virtual clock: receiving, the close
 * handshake from either side and its timeout, failing a connection with the right code, the
 * heartbeat, back-pressure. Each test asserts the frames that went on the wire, in order.
 */
class WebSocketTest {
    private final MemoryPipe pipe = new MemoryPipe();

    /** RFC 6455 5.6, 5.1: data both ways; the client masks, the server does not. */
    @AsyncioTest
    void messagesGoBothWaysWholeAndTyped() throws Exception {
        WebSocket client = pipe.client.open(WsOptions.defaults());
        WebSocket server = pipe.server.open(WsOptions.defaults());
        client.sendText("hello κόσμε");
        client.sendBytes(new byte[] {1, 2, 3});
        assertThat(server.receive()).isEqualTo(new WsMessage.Text("hello κόσμε"));
        assertThat(server.receive()).isEqualTo(new WsMessage.Binary(new byte[] {1, 2, 3}));
        server.sendText("back");
        assertThat(client.receiveText()).isEqualTo("back");
        assertThat(pipe.wire)
                .containsExactly("client> TEXT 'hello κόσμε'", "client> BINARY 3", "server> TEXT 'back' unmasked");
        client.close();
        assertThat(server.receive()).isEqualTo(new WsMessage.Close(1000, ""));
    }

    /** RFC 6455 7.1.2, 5.5.1: the client closes; the server answers with the same code and closes first. */
    @AsyncioTest
    void theCloseHandshakeFromTheClient() throws Exception {
        WebSocket client = pipe.client.open(WsOptions.defaults());
        WebSocket server = pipe.server.open(WsOptions.defaults());
        Task<WsMessage> serverSees = Asyncio.createTask(() -> server.receive());
        assertThat(client.close(4001, "bye")).isTrue();
        assertThat(serverSees.await()).isEqualTo(new WsMessage.Close(4001, "bye"));
        assertThat(pipe.wire)
                .containsExactly(
                        "client> CLOSE 4001 'bye'", "server> CLOSE 4001 '' unmasked", "server closes", "client closes");
        assertThat(client.closeCode()).isEqualTo(4001);
        assertThat(server.closeCode()).isEqualTo(4001);
        assertThat(client.isClosed() && server.isClosed()).isTrue();
        assertThat(server.receive()).isEqualTo(new WsMessage.Closed());
        assertThat(client.close(1000, "")).as("a second close").isFalse();
        assertThatThrownBy(() -> client.sendText("late"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("the WebSocket is closed (close code 4001)");
    }

    /** aiohttp's behaviour: a task receiving while another closes gets CLOSING, and reads the answer for it. */
    @AsyncioTest
    void aReceiverGetsClosingWhenAnotherTaskCloses() throws Exception {
        WebSocket client = pipe.client.open(WsOptions.defaults());
        WebSocket server = pipe.server.open(WsOptions.defaults());
        Task<WsMessage> receiver = Asyncio.createTask(() -> client.receive());
        Asyncio.yieldNow(); // the receiver parks in its read
        Task<WsMessage> serverSees = Asyncio.createTask(() -> server.receive());
        assertThat(client.close(1001, "going")).isTrue();
        assertThat(receiver.await()).isEqualTo(new WsMessage.Closing());
        assertThat(serverSees.await()).isEqualTo(new WsMessage.Close(1001, "going"));
        assertThat(client.receive()).isEqualTo(new WsMessage.Closed());
    }

    /** RFC 6455 7.1.1: data after our close frame is dropped until the peer's close frame arrives. */
    @AsyncioTest
    void dataArrivingWhileClosingIsDropped() throws Exception {
        WebSocket client = pipe.client.open(WsOptions.defaults());
        WebSocket server = pipe.server.open(WsOptions.defaults().autoClose(false));
        server.sendText("in flight");
        Task<Boolean> closing = Asyncio.createTask(() -> client.close(1000, ""));
        assertThat(server.receive()).isEqualTo(new WsMessage.Close(1000, ""));
        assertThat(server.isClosed()).as("autoClose off: not answered yet").isFalse();
        assertThat(server.close(1000, "")).isTrue();
        assertThat(closing.await()).isTrue();
        assertThat(client.receive()).isEqualTo(new WsMessage.Closed());
        assertThat(pipe.wire)
                .containsExactly(
                        "server> TEXT 'in flight' unmasked",
                        "client> CLOSE 1000 ''",
                        "server> CLOSE 1000 '' unmasked",
                        "server closes",
                        "client closes");
    }

    /** RFC 6455 7.1.1 and aiohttp's close timeout: a peer that never answers is dropped after closeTimeout. */
    @AsyncioTest
    void aPeerThatNeverAnswersTheCloseIsDroppedAfterTheTimeout(Loop loop) throws Exception {
        WebSocket client = pipe.client.open(WsOptions.defaults().closeTimeout(Duration.ofSeconds(3)));
        long start = loop.time();
        assertThat(client.close(1000, "")).isTrue();
        assertThat(Duration.ofNanos(loop.time() - start)).isEqualTo(Duration.ofSeconds(3));
        assertThat(client.closeCode()).isEqualTo(WsCloseCode.ABNORMAL_CLOSURE);
        assertThat(pipe.wire).containsExactly("client> CLOSE 1000 ''", "client aborts");
    }

    /** RFC 6455 7.4.1: 1005 and 1006 are never sent; an empty close is answered by an empty close. */
    @AsyncioTest
    void anEmptyCloseIsReportedAs1005AndAnsweredWithoutACode() throws Exception {
        WebSocket server = pipe.server.open(WsOptions.defaults());
        pipe.server.in.feedData(HexFormat.of().parseHex("8880" + "00000000")); // masked, empty close
        assertThat(server.receive()).isEqualTo(new WsMessage.Close(1005, ""));
        assertThat(server.closeCode()).isEqualTo(1005);
        assertThat(pipe.wire).containsExactly("server> CLOSE (no code) unmasked", "server closes");
        for (int code : new int[] {999, 1004, 1005, 1006, 1015, 2000, 5000}) {
            WebSocket ws = new MemoryPipe().client.open(WsOptions.defaults());
            assertThatThrownBy(() -> ws.close(code, ""))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("the close code " + code + " may not be sent");
        }
        WebSocket ws = new MemoryPipe().client.open(WsOptions.defaults());
        assertThatThrownBy(() -> ws.close(1000, "é".repeat(62)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a close reason is at most 123 bytes in UTF-8 (RFC 6455 5.5), got 124");
    }

    /** RFC 6455 7.1.7: a peer that breaks the protocol gets a close frame with the error's code. */
    @AsyncioTest
    void aProtocolErrorFailsTheConnectionWithItsCode() throws Exception {
        WebSocket server = pipe.server.open(WsOptions.defaults());
        pipe.server.in.feedData(HexFormat.of().parseHex("810161")); // unmasked text from a client
        WsMessage m = server.receive();
        assertThat(m).isInstanceOf(WsMessage.Error.class);
        WebSocketError e = (WebSocketError) ((WsMessage.Error) m).error();
        assertThat(e.code()).isEqualTo(1002);
        assertThat(e).hasMessageContaining("an unmasked frame from the client");
        assertThat(server.closeCode()).isEqualTo(1002);
        assertThat(server.exception()).isSameAs(e);
        assertThat(pipe.wire).containsExactly("server> CLOSE 1002 '' unmasked", "server closes");
        assertThat(server.receive()).isEqualTo(new WsMessage.Closed());
    }

    /** RFC 6455 8.1 through the API: invalid UTF-8 in a text fails with 1007; a too-large message with 1009. */
    @AsyncioTest
    void invalidTextAndOversizedMessagesCloseWith1007And1009() throws Exception {
        WebSocket server = pipe.server.open(WsOptions.defaults());
        WebSocket client = pipe.client.open(WsOptions.defaults());
        pipe.client.in.feedData(HexFormat.of().parseHex("8102c080")); // overlong form, to the client
        assertThat(((WebSocketError) ((WsMessage.Error) client.receive()).error()).code())
                .isEqualTo(1007);
        MemoryPipe second = new MemoryPipe();
        WebSocket small = second.server.open(WsOptions.defaults().maxMessageSize(10));
        WebSocket sender = second.client.open(WsOptions.defaults());
        sender.sendBytes(new byte[11]);
        assertThat(((WebSocketError) ((WsMessage.Error) small.receive()).error()).code())
                .isEqualTo(1009);
        assertThat(second.wire).containsExactly("client> BINARY 11", "server> CLOSE 1009 '' unmasked", "server closes");
        server.close(1000, "");
    }

    /** RFC 6455 5.5.2, 5.5.3: pings are answered with the same data and not returned, unless autoPing is off. */
    @AsyncioTest
    void pingsAreAnsweredBetweenFragments() throws Exception {
        WebSocket server = pipe.server.open(WsOptions.defaults());
        WebSocket manual = new MemoryPipe().server.open(WsOptions.defaults().autoPing(false));
        byte[] frames = HexFormat.of()
                .parseHex("0181" + "00000000" + "61" // text 'a', not final
                        + "8982" + "00000000" + "7069" // ping 'pi'
                        + "8081" + "00000000" + "62"); // final continuation 'b'
        pipe.server.in.feedData(frames);
        assertThat(server.receive()).isEqualTo(new WsMessage.Text("ab"));
        assertThat(pipe.wire).containsExactly("server> PONG 7069 unmasked");
        WebSocket client = pipe.client.open(WsOptions.defaults());
        client.ping(new byte[] {7});
        server.close();
        assertThat(client.receive()).isEqualTo(new WsMessage.Close(1000, ""));
        // autoPing off: the application sees both
        MemoryPipe other = new MemoryPipe();
        WebSocket s = other.server.open(WsOptions.defaults().autoPing(false));
        other.server.in.feedData(HexFormat.of().parseHex("8981000000000a" + "8a8000000000"));
        assertThat(s.receive()).isEqualTo(new WsMessage.Ping(new byte[] {10}));
        assertThat(s.receive()).isEqualTo(new WsMessage.Pong(new byte[0]));
        assertThat(other.wire).as("nothing answered by itself").isEmpty();
        assertThatThrownBy(() -> manual.ping(new byte[126]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a control frame carries at most 125 bytes (RFC 6455 5.5), got 126");
    }

    /** A for loop over the WebSocket receives until the close. */
    @AsyncioTest
    void iteratingEndsAtTheClose() throws Exception {
        WebSocket client = pipe.client.open(WsOptions.defaults());
        WebSocket server = pipe.server.open(WsOptions.defaults());
        for (String s : List.of("one", "two", "three")) {
            client.sendText(s);
        }
        Task<Boolean> closing = Asyncio.createTask(() -> client.close(1000, ""));
        List<String> seen = new ArrayList<>();
        for (WsMessage m : server) {
            seen.add(((WsMessage.Text) m).data());
        }
        assertThat(seen).containsExactly("one", "two", "three");
        assertThat(closing.await()).isTrue();
    }

    /** One task receives: a second receiver is told who is receiving. */
    @AsyncioTest
    void aSecondReceiverIsRefused() throws Exception {
        WebSocket server = pipe.server.open(WsOptions.defaults());
        Task<WsMessage> first = Asyncio.createTask("first", () -> server.receive());
        Asyncio.yieldNow();
        assertThatThrownBy(server::receive)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("another task ('first') is receiving from this WebSocket; one task receives, any task"
                        + " may send");
        first.cancel();
        Asyncio.gatherSettled(List.of(first));
        pipe.server.in.feedEof();
        assertThat(server.receive()).as("the cancelled receive lost nothing").isEqualTo(new WsMessage.Closed());
        assertThat(server.closeCode()).as("no close frame: 1006").isEqualTo(1006);
    }

    /** A receive timeout leaves the connection usable, as aiohttp's receive(timeout). */
    @AsyncioTest
    void aReceiveTimeoutKeepsTheConnection(Loop loop) throws Exception {
        WebSocket client = pipe.client.open(WsOptions.defaults());
        WebSocket server = pipe.server.open(WsOptions.defaults());
        assertThatThrownBy(() -> server.receive(Duration.ofSeconds(2))).isInstanceOf(TimeoutException.class);
        client.sendText("late but fine");
        assertThat(server.receive(Duration.ofSeconds(2))).isEqualTo(new WsMessage.Text("late but fine"));
    }

    /**
     * aiohttp's heartbeat: a ping after {@code heartbeat} of silence; a pong (or anything) in time keeps
     * the connection; none within half the interval fails it with a TimeoutException and 1006.
     */
    @AsyncioTest
    void theHeartbeatPingsAndDropsAPeerThatStopsAnswering(Loop loop) throws Exception {
        WebSocket server = pipe.server.open(WsOptions.defaults().heartbeat(Duration.ofSeconds(10)));
        WebSocket client = pipe.client.open(WsOptions.defaults());
        long start = loop.time();
        List<String> log = new ArrayList<>();
        Task<WsMessage> clientReceives = Asyncio.createTask("client", () -> client.receive());
        Task<WsMessage> serverReceives = Asyncio.createTask("server", () -> {
            WsMessage m = server.receive();
            log.add((loop.time() - start) / 1_000_000_000 + " s: server got " + m.type());
            return m;
        });
        Asyncio.sleep(Duration.ofSeconds(25)); // pings at 10 and 20 s, each answered at once
        assertThat(pipe.wire)
                .containsExactly("server> PING  unmasked", "client> PONG ", "server> PING  unmasked", "client> PONG ");
        clientReceives.cancel(); // the client stops reading: nobody answers the next ping
        Asyncio.gatherSettled(List.of(clientReceives));
        WsMessage m = serverReceives.await();
        assertThat(log).containsExactly("35 s: server got ERROR");
        assertThat(((WsMessage.Error) m).error())
                .isInstanceOf(TimeoutException.class)
                .hasMessageStartingWith("no pong (nor anything else) from the peer within 5000 ms");
        assertThat(server.closeCode()).isEqualTo(1006);
        assertThat(pipe.wire.subList(4, pipe.wire.size())).containsExactly("server> PING  unmasked", "server aborts");
        assertThat(server.receive()).isEqualTo(new WsMessage.Closed());
    }

    /** Anything received resets the heartbeat: a talkative peer is never pinged. */
    @AsyncioTest
    void trafficPostponesTheHeartbeat(Loop loop) throws Exception {
        WebSocket server = pipe.server.open(WsOptions.defaults().heartbeat(Duration.ofSeconds(10)));
        WebSocket client = pipe.client.open(WsOptions.defaults());
        Task<Integer> serverReceives = Asyncio.createTask(() -> {
            int n = 0;
            for (WsMessage ignored : server) {
                n++;
            }
            return n;
        });
        for (int i = 0; i < 6; i++) {
            Asyncio.sleep(Duration.ofSeconds(8));
            client.sendText("tick " + i);
        }
        assertThat(pipe.wire).noneMatch(l -> l.startsWith("server> PING"));
        client.close();
        assertThat(serverReceives.await()).isEqualTo(6);
    }

    /** Back-pressure: a send parks in drain while the write buffer is full, and resumes when it empties. */
    @AsyncioTest
    void aSendWaitsWhileTheWriteBufferIsFull() throws Exception {
        WebSocket client = pipe.client.open(WsOptions.defaults());
        pipe.client.gate = new Event();
        Task<Void> sender = Asyncio.createTask(() -> {
            client.sendText("first");
            pipe.wire.add("sender: first sent");
            client.sendText("second");
            pipe.wire.add("sender: second sent");
        });
        Asyncio.yieldNow();
        Asyncio.yieldNow();
        assertThat(sender.isDone()).isFalse();
        pipe.wire.add("the peer reads");
        pipe.client.gate.set();
        sender.await();
        assertThat(pipe.wire)
                .containsExactly(
                        "client> TEXT 'first'",
                        "client drain waits",
                        "the peer reads",
                        "client drain resumes",
                        "sender: first sent",
                        "client> TEXT 'second'",
                        "client drain waits",
                        "client drain resumes",
                        "sender: second sent");
    }

    /** Frames of several sending tasks never interleave, and all of them arrive. */
    @AsyncioTest
    void concurrentSendersDoNotInterleave() throws Exception {
        WebSocket client = pipe.client.open(WsOptions.defaults().compress(15), agreed());
        WebSocket server = pipe.server.open(WsOptions.defaults().compress(15), agreed());
        List<Task<Void>> senders = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
            int id = t;
            senders.add(Asyncio.createTask(() -> {
                for (int i = 0; i < 20; i++) {
                    client.sendText("task " + id + " message " + i + " " + "x".repeat(id * 100));
                    Asyncio.yieldNow();
                }
            }));
        }
        Asyncio.gather(senders);
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            got.add(server.receiveText());
        }
        for (int t = 0; t < 5; t++) {
            int id = t;
            assertThat(got.stream()
                            .filter(s -> s.startsWith("task " + id + " "))
                            .map(s -> s.split(" ")[3]))
                    .containsExactly(java.util.stream.IntStream.range(0, 20)
                            .mapToObj(Integer::toString)
                            .toArray(String[]::new));
        }
        assertThat(pipe.wire.get(0)).isEqualTo("client> TEXT compressed");
        client.close();
    }

    private static PerMessageDeflate agreed() {
        return new PerMessageDeflate(false, false, 15, 15);
    }

    /** JSON both ways through the default (Jackson) codec. */
    @AsyncioTest
    void jsonRoundTrips() throws Exception {
        record Point(int x, int y) {}
        WebSocket client = pipe.client.open(WsOptions.defaults());
        WebSocket server = pipe.server.open(WsOptions.defaults());
        client.sendJson(new Point(1, 2));
        assertThat(server.receiveJson(Point.class)).isEqualTo(new Point(1, 2));
        client.close();
    }
}
