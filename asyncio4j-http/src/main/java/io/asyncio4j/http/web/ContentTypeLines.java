package io.asyncio4j.http.web;

import io.asyncio4j.http.internal.HeadWriter;

/** The {@code Content-Type} field lines of the usual answers, made once. */
final class ContentTypeLines {
    private ContentTypeLines() {}

    static final String TEXT_PLAIN = "text/plain; charset=utf-8";
    static final String TEXT_HTML = "text/html; charset=utf-8";
    static final String APPLICATION_JSON = "application/json; charset=utf-8";

    private static final byte[] TEXT_PLAIN_LINE = HeadWriter.fieldLine("Content-Type", TEXT_PLAIN);
    private static final byte[] TEXT_HTML_LINE = HeadWriter.fieldLine("Content-Type", TEXT_HTML);
    private static final byte[] APPLICATION_JSON_LINE = HeadWriter.fieldLine("Content-Type", APPLICATION_JSON);

    /** The field line of {@code value}: a shared one for the usual types, else a new one (checked). */
    static byte[] line(String value) {
        if (value == TEXT_PLAIN || value.equals(TEXT_PLAIN)) {
            return TEXT_PLAIN_LINE;
        }
        if (value == APPLICATION_JSON || value.equals(APPLICATION_JSON)) {
            return APPLICATION_JSON_LINE;
        }
        if (value.equals(TEXT_HTML)) {
            return TEXT_HTML_LINE;
        }
        return HeadWriter.fieldLine("Content-Type", value);
    }
}
