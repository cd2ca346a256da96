package io.asyncio4j.http;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One field of a submitted {@link Form}: a {@link Text} value, or a {@link File} whose content a
 * multipart body streamed to a temporary file (aiohttp's {@code FileField}).
 *
 * {@snippet :
 * for (FormField field : form) {
 *     switch (field) {
 *         case FormField.Text t -> System.out.println(t.name() + " = " + t.value());
 *         case FormField.File f -> System.out.println(f.name() + ": " + f.filename() + ", " + f.size() + " bytes");
 *     }
 * }
 * }
 */
public sealed interface FormField permits FormField.Text, FormField.File {
    /** The field's name, as the form gave it. */
    String name();

    /**
     * A text field.
     *
     * @param name the field's name
     * @param value its value
     */
    record Text(String name, String value) implements FormField {
        /** Checks that neither is null. */
        public Text {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * An uploaded file, kept in a temporary file until its {@link Form} is closed. Move or copy
     * {@link #path()} to keep it (off the loop: {@code Asyncio.toThread(() -> Files.move(...))}).
     *
     * @param name the field's name
     * @param filename the file name the client gave: untrusted, may hold {@code ..} or slashes
     * @param contentType the part's {@code Content-Type} ({@code "text/plain"} when it had none)
     * @param headers the part's head
     * @param path the temporary file holding the content
     * @param size the content's length in bytes
     */
    record File(String name, String filename, String contentType, Headers headers, Path path, long size)
            implements FormField {
        /** Checks that none is null. */
        public File {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(filename, "filename");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(path, "path");
        }
    }
}
