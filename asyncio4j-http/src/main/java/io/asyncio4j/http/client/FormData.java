package io.asyncio4j.http.client;

import io.asyncio4j.http.HeaderNames;
import io.asyncio4j.http.Headers;
import io.asyncio4j.http.MultipartWriter;
import io.asyncio4j.http.internal.BytesPayload;
import io.asyncio4j.http.internal.ContentTypes;
import io.asyncio4j.http.internal.MultipartAccess;
import io.asyncio4j.http.internal.Payload;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fields of an HTML form to send: aiohttp's {@code FormData}. Sent as {@code
 * application/x-www-form-urlencoded} while every field is a plain text value, as {@code
 * multipart/form-data} (RFC 7578) as soon as one is a file, bytes, a stream, or has a file name or
 * a content type.
 *
 * {@snippet :
 * FormData form = new FormData()
 *         .addField("user", "ann")
 *         .addField("photo", Path.of("photo.jpg"), "me.jpg", "image/jpeg");
 * session.post(url, data(form)).close();
 * }
 *
 * <p>Files are read when the request is sent (zero-copy where the connection allows), so a form can
 * be sent again (a 307 or 308 redirect, a retry) unless it holds a stream. Field names and file
 * names may be any text: they are sent in UTF-8, with {@code "}, CR and LF escaped as browsers do.
 * Not thread-safe.
 */
public final class FormData {
    /** One field: value is a String, byte[], Path or Iterable of byte[]. */
    private record Field(String name, Object value, String filename, String contentType) {}

    private final List<Field> fields = new ArrayList<>();
    private boolean multipart;

    /** An empty form. */
    public FormData() {}

    /** A form with the entries of {@code fields} as text fields ({@link #addFields}). */
    public FormData(Map<String, ?> fields) {
        addFields(fields);
    }

    /** Adds a text field. */
    public FormData addField(String name, String value) {
        return add(name, Objects.requireNonNull(value, "value"), null, null);
    }

    /**
     * Adds a text field sent as a file ({@code filename}) or with a {@code contentType}; either may
     * be null. With either, the form is sent as multipart.
     */
    public FormData addField(String name, String value, String filename, String contentType) {
        return add(name, Objects.requireNonNull(value, "value"), filename, contentType);
    }

    /** Adds bytes (copied) as a field: the form is sent as multipart ({@code application/octet-stream}). */
    public FormData addField(String name, byte[] value) {
        return addField(name, value, null, null);
    }

    /** Adds bytes (copied) as a field, with a file name and a content type (either may be null). */
    public FormData addField(String name, byte[] value, String filename, String contentType) {
        return add(name, Objects.requireNonNull(value, "value").clone(), filename, contentType);
    }

    /**
     * Adds a file as a field, named as the file and typed by its extension: the form is sent as
     * multipart, the file read when the request is sent.
     */
    public FormData addField(String name, Path file) {
        return addField(name, file, file.getFileName().toString(), null);
    }

    /** Adds a file as a field, with a file name and a content type (null: guessed from the file name). */
    public FormData addField(String name, Path file, String filename, String contentType) {
        return add(name, Objects.requireNonNull(file, "file"), filename, contentType);
    }

    /**
     * Adds a stream of pieces as a field (a file being produced): the form is sent multipart and
     * chunked, and once only.
     */
    public FormData addField(String name, Iterable<byte[]> chunks, String filename, String contentType) {
        return add(name, Objects.requireNonNull(chunks, "chunks"), filename, contentType);
    }

    /**
     * Adds each entry of {@code fields} as a text field ({@code String.valueOf}), in the map's order;
     * a value that is an {@link Iterable} adds the name once per element.
     */
    public FormData addFields(Map<String, ?> fields) {
        fields.forEach((name, value) -> {
            if (value instanceof Iterable<?> values) {
                for (Object v : values) {
                    addField(name, String.valueOf(v));
                }
            } else {
                addField(name, String.valueOf(value));
            }
        });
        return this;
    }

    private FormData add(String name, Object value, String filename, String contentType) {
        Objects.requireNonNull(name, "name");
        fields.add(new Field(name, value, filename, contentType));
        multipart |= !(value instanceof String) || filename != null || contentType != null;
        return this;
    }

    /** Whether the form is sent as {@code multipart/form-data}. */
    public boolean isMultipart() {
        return multipart;
    }

    /** The fields' count. */
    public int size() {
        return fields.size();
    }

    /** The body of a request carrying the form, its fields as they are now. */
    Payload payload() {
        if (!multipart) {
            StringBuilder s = new StringBuilder();
            for (Field f : fields) {
                if (!s.isEmpty()) {
                    s.append('&');
                }
                s.append(URLEncoder.encode(f.name, StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode((String) f.value, StandardCharsets.UTF_8));
            }
            return new BytesPayload(
                    s.toString().getBytes(StandardCharsets.US_ASCII), "application/x-www-form-urlencoded");
        }
        MultipartWriter mp = new MultipartWriter("form-data");
        for (Field f : fields) {
            Headers h = new Headers();
            if (f.contentType != null) {
                h.add(HeaderNames.CONTENT_TYPE, f.contentType);
            } else if (f.value instanceof Path && f.filename != null) {
                h.add(HeaderNames.CONTENT_TYPE, ContentTypes.mediaType(f.filename));
            }
            MultipartWriter.Part part = switch (f.value) {
                case String text -> mp.append(text, h);
                case byte[] bytes -> mp.append(bytes, h);
                case Path file -> mp.append(file, h);
                case Iterable<?> chunks -> mp.append(bytesOf(chunks), h);
                default -> throw new IllegalStateException("unexpected field value " + f.value);
            };
            if (f.filename != null) {
                part.setContentDisposition("form-data", "name", f.name, "filename", f.filename);
            } else {
                part.setContentDisposition("form-data", "name", f.name);
            }
        }
        return MultipartAccess.get().payload(mp);
    }

    @SuppressWarnings("unchecked")
    private static Iterable<byte[]> bytesOf(Iterable<?> chunks) {
        return (Iterable<byte[]>) chunks;
    }

    /** {@code FormData[multipart, 3 fields]}. */
    @Override
    public String toString() {
        return "FormData[" + (multipart ? "multipart" : "urlencoded") + ", " + fields.size() + " fields]";
    }
}
