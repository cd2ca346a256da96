package io.asyncio4j.bench.jmh;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpLimits;
import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.http.internal.HeadWriter;
import io.asyncio4j.http.internal.HttpParser;
import io.asyncio4j.http.internal.RequestHead;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpGenerator;
import org.eclipse.jetty.http.MetaData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The HTTP/1.1 layer's hot paths beside Jetty's (12.1) in the same run: parse a typical browser
 * request with ten header fields, and serialize a typical JSON response head. Each parser is reused
 * across messages, as on a keep-alive connection. Ours keeps header values as bytes until asked
 * ({@code parseRequest}); {@code parseRequestReadAllValues} also turns every value into a
 * {@code String}, which is what Jetty's {@code HttpField}s always hold.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class HttpBench {
    /** A browser's GET with ten fields (Firefox's, shortened cookie): 468 bytes. */
    static final byte[] REQUEST = ("GET /api/v1/users/42?fields=name,email HTTP/1.1\r\n"
                    + "Host: api.example.com\r\n"
                    + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n"
                    + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
                    + "Accept-Language: en-US,en;q=0.5\r\n"
                    + "Accept-Encoding: gzip, deflate, br\r\n"
                    + "Connection: keep-alive\r\n"
                    + "Cookie: session=abc123; theme=dark\r\n"
                    + "Upgrade-Insecure-Requests: 1\r\n"
                    + "Sec-Fetch-Dest: document\r\n"
                    + "Cache-Control: max-age=0\r\n"
                    + "\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);

    private final ByteBuffer requestBuffer = ByteBuffer.wrap(REQUEST);
    private HttpParser ours;
    private org.eclipse.jetty.http.HttpParser jetty;
    private JettyHandler jettyHandler;

    private HeadWriter headWriter;
    private Headers responseHeaders;
    private HttpGenerator generator;
    private MetaData.Response jettyResponse;
    private ByteBuffer jettyHeader;

    /** Builds the parsers, the writer and the response fields. */
    @Setup
    public void setUp() {
        ours = HttpParser.forRequests(HttpLimits.defaults());
        jettyHandler = new JettyHandler();
        jetty = new org.eclipse.jetty.http.HttpParser(jettyHandler, 64 * 1024, HttpCompliance.RFC9110);
        headWriter = new HeadWriter();
        responseHeaders = Headers.of("Content-Type", "application/json", "Server", "asyncio4j");
        generator = new HttpGenerator();
        HttpFields.Mutable fields = HttpFields.build();
        fields.add("Content-Type", "application/json");
        fields.add("Server", "asyncio4j");
        jettyResponse = new MetaData.Response(200, null, org.eclipse.jetty.http.HttpVersion.HTTP_1_1, fields, 27);
        jettyHeader = ByteBuffer.allocate(1024);
    }

    /** Our parser: the head and the end of a body-less request. */
    @Benchmark
    public RequestHead parseRequest() {
        ByteBuffer in = requestBuffer.clear();
        if (ours.next(in) != HttpParser.Event.HEAD || ours.next(in) != HttpParser.Event.END) {
            throw new IllegalStateException("the request did not parse");
        }
        return ours.request();
    }

    /** Our parser, then every header value read as a String (as Jetty hands them out). */
    @Benchmark
    public void parseRequestReadAllValues(Blackhole bh) {
        RequestHead head = parseRequest();
        Headers h = head.headers();
        for (int i = 0; i < h.size(); i++) {
            bh.consume(h.name(i));
            bh.consume(h.value(i));
        }
    }

    /** Jetty's HttpParser on the same bytes. */
    @Benchmark
    public Object jettyParseRequest() {
        ByteBuffer in = requestBuffer.clear();
        jetty.parseNext(in);
        if (!jetty.isComplete()) {
            throw new IllegalStateException("Jetty did not complete the request");
        }
        jetty.reset();
        return jettyHandler.last;
    }

    /** Our response head: status line, two fields, Content-Length, the cached Date. */
    @Benchmark
    public int serializeResponse() {
        return headWriter
                .response(HttpVersion.HTTP_1_1, 200, null, responseHeaders, 27)
                .length();
    }

    /** Jetty's HttpGenerator on the same response head. */
    @Benchmark
    public int jettySerializeResponse() throws IOException {
        generator.reset();
        jettyHeader.clear();
        generator.generateResponse(jettyResponse, false, jettyHeader, null, null, false);
        return jettyHeader.position();
    }

    /** Keeps what Jetty's callbacks deliver, so that nothing is optimised away. */
    static final class JettyHandler implements org.eclipse.jetty.http.HttpParser.RequestHandler {
        Object last;

        @Override
        public void startRequest(String method, String uri, org.eclipse.jetty.http.HttpVersion version) {
            last = uri;
        }

        @Override
        public void parsedHeader(HttpField field) {
            last = field;
        }

        @Override
        public boolean headerComplete() {
            return false;
        }

        @Override
        public boolean content(ByteBuffer item) {
            return false;
        }

        @Override
        public boolean contentComplete() {
            return false;
        }

        @Override
        public boolean messageComplete() {
            return true;
        }

        @Override
        public void earlyEOF() {}

        @Override
        public void badMessage(HttpException failure) {
            throw new IllegalStateException("Jetty refused the request: " + failure);
        }
    }
}
