package io.asyncio4j.http;

import io.asyncio4j.http.internal.FileIo;
import io.asyncio4j.http.internal.HeaderParams;
import io.asyncio4j.http.internal.MediaTypes;
import io.asyncio4j.http.internal.UrlEncoded;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A submitted form: its fields in order, a name possibly repeated (aiohttp's {@code
 * request.post()}, a {@code MultiDictProxy}): a {@link MultiDict} of {@link FormField}s, {@link
 * #asMultiDict()}, with lookups that return text values and files by their type. Read from a body
 * with {@link #read}, which takes {@code application/x-www-form-urlencoded} and {@code
 * multipart/form-data}; file parts are streamed to temporary files, deleted by {@link #close()}.
 *
 * {@snippet :
 * try (Form form = Form.read(contentType, body)) {
 *     String title = form.get("title");
 *     List<String> tags = form.getAll("tag");
 *     FormField.File avatar = form.file("avatar");
 * }
 * }
 *
 * <p>{@link #parseUrlencoded(String)} parses a query string the same way.
 *
 * <p>Not thread-safe: a form belongs to the task that handles its request.
 */
public final class Form implements Iterable<FormField>, AutoCloseable {
    private static final Charset DEFAULT_CHARSET = StandardCharsets.UTF_8;

    private final MultiDict<FormField> fields;

    private Form(MultiDict<FormField> fields) {
        this.fields = fields;
    }

    /** A form of the given fields, in order. */
    public static Form of(List<? extends FormField> fields) {
        MultiDict.Builder<FormField> all = MultiDict.builder();
        for (FormField f : fields) {
            all.add(f.name(), f);
        }
        return new Form(all.build());
    }

    /**
     * Parses a query string or urlencoded text ({@code a=1&b=x+y&b=%E2%82%AC}), in UTF-8. Characters
     * beyond ASCII, which a well-formed query never holds, are taken as their UTF-8 bytes.
     *
     * @throws HttpParseException (400) for a {@code %} not followed by two hex digits, or bytes that
     *     are not UTF-8
     */
    public static Form parseUrlencoded(String s) {
        return parseUrlencoded(s.getBytes(StandardCharsets.UTF_8), DEFAULT_CHARSET);
    }

    /**
     * Parses an {@code application/x-www-form-urlencoded} body whose bytes are in {@code charset}.
     *
     * @throws HttpParseException (400) for a {@code %} not followed by two hex digits, or bytes that
     *     are not valid in {@code charset}
     */
    public static Form parseUrlencoded(byte[] body, Charset charset) {
        return parseUrlencoded(body, charset, Integer.MAX_VALUE);
    }

    private static Form parseUrlencoded(byte[] body, Charset charset, int maxFields) {
        MultiDict.Builder<FormField> out = MultiDict.builder();
        UrlEncoded.parse(body, 0, body.length, charset, maxFields, (n, v) -> out.add(n, new FormField.Text(n, v)));
        return new Form(out.build());
    }

    /**
     * Reads a form body with the default limits, file parts going to the JVM's temporary directory.
     *
     * @see #read(String, BodySource, MultipartLimits, Path)
     */
    public static Form read(String contentType, BodySource body) {
        return read(contentType, body, MultipartLimits.defaults(), null);
    }

    /**
     * Reads a form body: {@code application/x-www-form-urlencoded} (also assumed when {@code
     * contentType} is null or empty, as aiohttp does) or {@code multipart/form-data}. Text fields are
     * decoded in the charset their part or the {@code Content-Type} declares, else in the charset a
     * {@code _charset_} field names (HTML's convention), else UTF-8. A part with a non-empty file name
     * is streamed to a temporary file in {@code tempDir} (null: the JVM's {@code java.io.tmpdir});
     * a {@code multipart/mixed} part's files all take its field name (RFC 2388).
     *
     * <p><b>Cancellation.</b> The body is left part-read; the temporary files written so far are
     * deleted.
     *
     * @throws HttpParseException 415 for another {@code Content-Type} (JSON is read otherwise), 413
     *     past a {@code limits} entry, 400 for a malformed body or a multipart part without a {@code
     *     name}; temporary files written so far are deleted
     * @throws java.io.UncheckedIOException if a temporary file cannot be written
     */
    public static Form read(String contentType, BodySource body, MultipartLimits limits, Path tempDir) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(limits, "limits");
        HeaderParams type = HeaderParams.parse(contentType, "Content-Type");
        String media = type.value();
        if (media.isEmpty() || media.equals("application/x-www-form-urlencoded")) {
            Charset charset = charset(type.param("charset"), "the form's Content-Type");
            byte[] bytes = readAll(body, limits.maxFormMemory());
            return parseUrlencoded(bytes, charset, limits.maxParts());
        }
        if (media.startsWith("multipart/")) {
            return readMultipart(new MultipartReader(contentType, body, limits), type, limits, tempDir);
        }
        throw new HttpParseException(
                415,
                "Content-Type " + contentType + " is not a form: a form is application/x-www-form-urlencoded or"
                        + " multipart/form-data");
    }

    private static Charset charset(String name, String where) {
        if (name == null) {
            return DEFAULT_CHARSET;
        }
        Charset cs = MediaTypes.known(name.strip());
        if (cs == null) {
            throw new HttpParseException(400, where + " declares charset " + name + ", which this JVM does not know");
        }
        return cs;
    }

    private static byte[] readAll(BodySource body, long max) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        long total = 0;
        int n;
        while ((n = body.read(chunk, 0, chunk.length)) >= 0) {
            total += n;
            if (total > max) {
                throw new HttpParseException(
                        413, "the form body is larger than " + max + " bytes (MultipartLimits.maxFormMemory)");
            }
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }

    /** A text field read, decoded once the {@code _charset_} field is known. */
    private record PendingText(String name, byte[] bytes, BodyPartReader part) {}

    private static Form readMultipart(MultipartReader reader, HeaderParams type, MultipartLimits limits, Path tempDir) {
        List<Object> slots = new ArrayList<>();
        List<Path> temps = new ArrayList<>();
        boolean done = false;
        try {
            long memory = 0;
            Charset formCharset = null;
            BodyPartReader part;
            while ((part = reader.nextPart()) != null) {
                String name = part.name();
                if (name == null) {
                    throw new HttpParseException(
                            400,
                            "multipart part " + part.index() + " has no name: a form's part carries"
                                    + " Content-Disposition: form-data; name=\"...\"");
                }
                if (part.isMultipart()) {
                    MultipartReader files = part.multipart();
                    BodyPartReader file;
                    while ((file = files.nextPart()) != null) {
                        String filename = file.filename();
                        slots.add(saveFile(name, filename == null ? "" : filename, file, limits, tempDir, temps));
                    }
                } else if (part.filename() != null && !part.filename().isEmpty()) {
                    slots.add(saveFile(name, part.filename(), part, limits, tempDir, temps));
                } else {
                    byte[] bytes = part.read();
                    memory += bytes.length;
                    if (memory > limits.maxFormMemory()) {
                        throw new HttpParseException(
                                413,
                                "the form's text fields hold more than " + limits.maxFormMemory()
                                        + " bytes (MultipartLimits.maxFormMemory)");
                    }
                    if (name.equals("_charset_") && formCharset == null) {
                        formCharset = charset(new String(bytes, StandardCharsets.ISO_8859_1), "the _charset_ field");
                    }
                    slots.add(new PendingText(name, bytes, part));
                }
            }
            Charset fallback = formCharset != null ? formCharset : charset(type.param("charset"), "Content-Type");
            MultiDict.Builder<FormField> out = MultiDict.builder();
            for (Object slot : slots) {
                FormField f = slot instanceof PendingText t
                        ? new FormField.Text(
                                t.name(), t.part().decode(t.bytes(), t.part().charsetOr(fallback)))
                        : (FormField) slot;
                out.add(f.name(), f);
            }
            done = true;
            return new Form(out.build());
        } finally {
            if (!done) {
                deleteAll(temps);
            }
        }
    }

    private static FormField.File saveFile(
            String name, String filename, BodyPartReader part, MultipartLimits limits, Path tempDir, List<Path> temps) {
        Path temp = FileIo.offLoop(() -> tempDir == null
                ? Files.createTempFile("asyncio4j-upload-", ".tmp")
                : Files.createTempFile(tempDir, "asyncio4j-upload-", ".tmp"));
        temps.add(temp);
        long size = part.saveTo(temp, limits.maxFileSize());
        return new FormField.File(name, filename, part.contentType(), part.headers(), temp, size);
    }

    /**
     * Deletes on the calling thread, even in a cancelled task (where handing the work to another
     * thread would be refused): an unlink is short, and a leaked upload is worse.
     */
    private static void deleteAll(List<Path> temps) {
        for (Path p : temps) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // the directory went away or forbids it: nothing more can be done here
            }
        }
    }

    /** The first text value of {@code name}, or null. */
    public String get(String name) {
        return get(name, null);
    }

    /** The first text value of {@code name}, or {@code fallback}. */
    public String get(String name, String fallback) {
        for (FormField f : fields.getAll(name)) {
            if (f instanceof FormField.Text t) {
                return t.value();
            }
        }
        return fallback;
    }

    /** Every text value of {@code name}, in order; empty when there is none. */
    public List<String> getAll(String name) {
        List<String> out = new ArrayList<>(2);
        for (FormField f : fields.getAll(name)) {
            if (f instanceof FormField.Text t) {
                out.add(t.value());
            }
        }
        return out;
    }

    /** The first file of {@code name}, or null. */
    public FormField.File file(String name) {
        List<FormField.File> all = files(name);
        return all.isEmpty() ? null : all.get(0);
    }

    /** Every file of {@code name}, in order; empty when there is none. */
    public List<FormField.File> files(String name) {
        List<FormField.File> out = new ArrayList<>(2);
        for (FormField f : fields.getAll(name)) {
            if (f instanceof FormField.File file) {
                out.add(file);
            }
        }
        return out;
    }

    /** Whether a field, text or file, is named {@code name}. */
    public boolean contains(String name) {
        return fields.contains(name);
    }

    /** The names of the fields, each once, in the order they first appear. */
    public Set<String> names() {
        return fields.names();
    }

    /** Every field in order (unmodifiable). */
    public List<FormField> fields() {
        return fields.values();
    }

    /**
     * The fields as a multimap from their names, text and files alike: aiohttp's view of a form,
     * for code that handles any {@link MultiDict}.
     */
    public MultiDict<FormField> asMultiDict() {
        return fields;
    }

    /** The number of fields (a repeated name counts each time). */
    public int size() {
        return fields.size();
    }

    /** Whether the form has no field. */
    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** The fields in order. */
    @Override
    public Iterator<FormField> iterator() {
        return fields.values().iterator();
    }

    /**
     * Deletes the temporary files of the file fields. Idempotent. Runs on the calling thread, so it
     * also finishes in a cancelled task.
     */
    @Override
    public void close() {
        List<Path> temps = new ArrayList<>();
        for (FormField f : fields.values()) {
            if (f instanceof FormField.File file) {
                temps.add(file.path());
            }
        }
        deleteAll(temps);
    }

    /** {@code <Form(title='x', avatar=<file a.png, 1234 bytes>)>}. */
    @Override
    public String toString() {
        StringJoiner s = new StringJoiner(", ", "<Form(", ")>");
        for (FormField f : fields.values()) {
            s.add(
                    switch (f) {
                        case FormField.Text t -> t.name() + "='" + t.value() + "'";
                        case FormField.File file ->
                            file.name() + "=<file " + file.filename() + ", " + file.size() + " bytes>";
                    });
        }
        return s.toString();
    }
}
