package io.asyncio4j.http.internal;

import java.net.URLConnection;
import java.util.Locale;
import java.util.Map;

/**
 * The media type of a file by its extension, for the server's file responses and the client's file
 * bodies alike: a table of what the web serves, then the JDK's {@link
 * URLConnection#getFileNameMap()}, then {@code application/octet-stream}. As a served {@code
 * Content-Type}, text types are declared UTF-8, since a browser would otherwise guess (often
 * windows-1252).
 */
public final class ContentTypes {
    private ContentTypes() {}

    private static final Map<String, String> TABLE = Map.ofEntries(
            Map.entry("html", "text/html"),
            Map.entry("htm", "text/html"),
            Map.entry("css", "text/css"),
            Map.entry("js", "text/javascript"),
            Map.entry("mjs", "text/javascript"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("txt", "text/plain"),
            Map.entry("md", "text/markdown"),
            Map.entry("csv", "text/csv"),
            Map.entry("xml", "application/xml"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"),
            Map.entry("ico", "image/vnd.microsoft.icon"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("zip", "application/zip"),
            Map.entry("gz", "application/gzip"),
            Map.entry("br", "application/x-brotli"),
            Map.entry("tar", "application/x-tar"),
            Map.entry("wasm", "application/wasm"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("webm", "video/webm"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("ogg", "audio/ogg"),
            Map.entry("wav", "audio/wav"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("otf", "font/otf"));

    /** The {@code Content-Type} the server sends for a file named {@code name}: text types with {@code charset=utf-8}. */
    public static String of(String name) {
        String type = mediaType(name);
        return type.startsWith("text/") ? type + "; charset=utf-8" : type;
    }

    /** The media type of a file named {@code name}, without parameters; {@code application/octet-stream} when unknown. */
    public static String mediaType(String name) {
        int dot = name.lastIndexOf('.');
        String type = null;
        if (dot >= 0) {
            type = TABLE.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        }
        if (type == null) {
            type = URLConnection.getFileNameMap().getContentTypeFor(name);
        }
        return type != null ? type : "application/octet-stream";
    }
}
