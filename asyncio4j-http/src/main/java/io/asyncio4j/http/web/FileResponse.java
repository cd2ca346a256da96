package io.asyncio4j.http.web;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.HeaderNames;
import io.asyncio4j.http.Headers;
import io.asyncio4j.http.internal.AcceptEncoding;
import io.asyncio4j.http.internal.ContentTypes;
import io.asyncio4j.http.internal.FilePlan;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A response that sends a file: aiohttp's {@code web.FileResponse}. The body goes from the file to
 * the socket without passing through the JVM's heap where the connection allows ({@code
 * FileChannel.transferTo} on a plain socket; over TLS it is read in chunks off the loop).
 *
 * {@snippet :
 * router.addGet("/report", request -> new FileResponse(Path.of("reports/latest.pdf")));
 * }
 *
 * <p>It answers as a static file server does: {@code ETag} (aiohttp's form, from the modification
 * time and size) and {@code Last-Modified}; {@code If-Match}, {@code If-Unmodified-Since} (412),
 * {@code If-None-Match}, {@code If-Modified-Since} (304); {@code Range} with one range (206 and
 * {@code Content-Range}), several ({@code multipart/byteranges}) or none satisfiable (416), and
 * {@code If-Range}. When the client accepts it and a precompressed sibling exists ({@code
 * app.js.br}, {@code app.js.gz}), the sibling is sent with {@code Content-Encoding} and {@code Vary:
 * Accept-Encoding}. The {@code Content-Type} comes from the name (a table, then the JDK's) unless
 * set on the response. A missing file is answered 404, one that cannot be read or is not a regular
 * file 403.
 *
 * <p>The file is looked at and opened off the loop; the body is sent when the response is prepared.
 */
public final class FileResponse extends StreamResponse {
    private static final List<String> CODINGS = List.of("br", "gzip");

    private final Path path;
    /** The root a static route serves, whose rules a precompressed sibling must pass too; or null. */
    private final StaticFiles root;

    /**
     * A response sending the file at {@code path}.
     *
     * @throws NullPointerException if {@code path} is null
     */
    public FileResponse(Path path) {
        this(path, null);
    }

    FileResponse(Path path, StaticFiles root) {
        this.path = Objects.requireNonNull(path, "path");
        this.root = root;
    }

    /** The file this response sends (a precompressed sibling may be sent in its place). */
    public Path path() {
        return path;
    }

    /** The file to send, opened, and what the plan needs of it. */
    private record Opened(FileChannel channel, FilePlan.FileFacts facts) {}

    /**
     * Chooses the status and headers from the request and the file, sends the head, then the body.
     *
     * <p><b>Cancellation.</b> The file is closed; the client sees the body cut short (the connection
     * closes).
     */
    @Override
    public void prepare(Request request) throws IOException {
        Objects.requireNonNull(request, "request");
        if (prepared()) {
            return;
        }
        Headers req = request.headers();
        String explicitType = contentType();
        Opened opened;
        try {
            opened = Asyncio.toThread(() -> open(req.get(HeaderNames.ACCEPT_ENCODING), explicitType));
        } catch (NoSuchFileException e) {
            setStatus(404, null);
            contentLength(0);
            super.prepare(request);
            return;
        } catch (IOException e) {
            setStatus(403, null);
            contentLength(0);
            super.prepare(request);
            return;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
        try (FileChannel channel = opened.channel()) {
            FilePlan plan = FilePlan.plan(request.method(), req, opened.facts(), Instant.now(), FileResponse::boundary);
            setStatus(plan.status(), null);
            Headers h = headers();
            for (int i = 0; i < plan.headers().size(); i++) {
                String name = plan.headers().name(i);
                if (name.equalsIgnoreCase(HeaderNames.CONTENT_LENGTH)) {
                    contentLength(Long.parseLong(plan.headers().value(i)));
                } else {
                    h.set(name, plan.headers().value(i));
                }
            }
            super.prepare(request);
            for (FilePlan.Segment s : plan.body()) {
                switch (s) {
                    case FilePlan.Bytes b -> write(b.data());
                    case FilePlan.FileRange r -> {
                        long sent = sendfile(channel, r.offset(), r.length());
                        if (sent < r.length()) {
                            throw new IOException(path + " became shorter while it was sent (" + sent + " of "
                                    + r.length() + " bytes from " + r.offset() + ")");
                        }
                    }
                }
            }
        }
    }

    /** Off the loop: picks the file or a precompressed sibling, checks it and opens it. */
    private Opened open(String acceptEncoding, String explicitType) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
        if (!attrs.isRegularFile()) {
            throw new AccessDeniedException(path.toString(), null, "not a regular file");
        }
        String type = explicitType != null
                ? explicitType
                : ContentTypes.of(path.getFileName().toString());
        List<String> present = new ArrayList<>(2);
        List<Path> siblings = new ArrayList<>(2);
        for (String coding : CODINGS) {
            Path sibling = path.resolveSibling(path.getFileName() + (coding.equals("br") ? ".br" : ".gz"));
            if (siblingUsable(sibling)) {
                present.add(coding);
                siblings.add(sibling);
            }
        }
        Path chosen = path;
        String encoding = null;
        List<String> accepted = AcceptEncoding.accepted(acceptEncoding, present);
        if (!accepted.isEmpty()) {
            encoding = accepted.get(0);
            chosen = siblings.get(present.indexOf(encoding));
            attrs = Files.readAttributes(chosen, BasicFileAttributes.class);
        }
        FileChannel channel = FileChannel.open(chosen);
        long mtime = attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        return new Opened(channel, new FilePlan.FileFacts(attrs.size(), mtime, type, encoding, !present.isEmpty()));
    }

    private boolean siblingUsable(Path sibling) {
        try {
            if (root != null) {
                return root.allows(sibling);
            }
            return Files.readAttributes(sibling, BasicFileAttributes.class).isRegularFile();
        } catch (IOException e) {
            return false;
        }
    }

    /** A boundary for a {@code multipart/byteranges} body: random, so no file's bytes hold it by chance. */
    private static String boundary() {
        byte[] b = new byte[12];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    public String toString() {
        return "<FileResponse " + path + " " + status() + (prepared() ? " prepared>" : " not prepared>");
    }
}
