package io.asyncio4j.http.web;

import io.asyncio4j.http.internal.Percent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Maps the path of a request under a static route to a file under the route's root directory,
 * refusing every way out of the root: the path is percent-decoded exactly once (so {@code %252e}
 * names a file called {@code %2e}, never {@code .}), then refused if it holds a {@code ..} segment
 * (as sent or encoded), a backslash (a separator on Windows, and only ever sent to escape), a NUL
 * or any control character, or begins with a slash (an absolute path, aiohttp's 403). Symbolic links
 * are followed only while they stay inside the root, unless {@link StaticOptions#followSymlinks()}: a
 * link out of the root reads as absent (404), as in aiohttp. Names starting with a dot are hidden
 * (404) unless {@link StaticOptions#showHidden()}. A directory gives its index file, its listing, or 403.
 *
 * <p>Resolution reads the file system: call it off the loop. A file replaced by a link between
 * resolution and opening is outside what a path check can see; a root whose writers are untrusted
 * needs the operating system's protection.
 */
final class StaticFiles {
    /** What a request path names. */
    sealed interface Resolution {}

    /**
     * A regular file to send.
     *
     * @param path the file, links resolved unless the options follow them
     * @param attributes its attributes
     */
    record Found(Path path, BasicFileAttributes attributes) implements Resolution {}

    /**
     * A directory to list ({@link StaticOptions#showIndex()}).
     *
     * @param path the directory
     */
    record Listing(Path path) implements Resolution {}

    /**
     * 404: nothing is there, or the path leads where it may not and saying so would tell too much.
     *
     * @param reason why, for a log
     */
    record NotFound(String reason) implements Resolution {}

    /**
     * 403: the path is an attack or a directory that may not be listed.
     *
     * @param reason why, for a log
     */
    record Forbidden(String reason) implements Resolution {}

    private final Path root;
    private final StaticOptions options;

    /**
     * Serves {@code root}, which must be a directory; it is resolved to its real path once, here.
     *
     * @throws IllegalArgumentException if {@code root} is not an existing directory
     * @throws UncheckedIOException if it cannot be read
     */
    StaticFiles(Path root, StaticOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        try {
            this.root = root.toRealPath();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("the static root " + root + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!Files.isDirectory(this.root)) {
            throw new IllegalArgumentException("the static root " + root + " is not a directory");
        }
    }

    /** The root, as a real path. */
    Path root() {
        return root;
    }

    /** The options. */
    StaticOptions options() {
        return options;
    }

    /**
     * What {@code rawTail} names: the request path after the route's prefix and its slash, still
     * percent-encoded as received ({@code "css/site.css"}, {@code "a%20b.txt"}; "" for the root).
     * Reads the file system.
     */
    Resolution resolve(String rawTail) {
        if (rawTail.indexOf('\\') >= 0) {
            return new Forbidden("a backslash in the path");
        }
        String path = percentDecode(rawTail);
        if (path == null) {
            return new NotFound("a malformed percent-escape in the path");
        }
        return resolveDecoded(path);
    }

    /**
     * What {@code path} names: the request path after the route's prefix, percent-decoded once
     * already (a router's match value). Reads the file system.
     */
    Resolution resolveDecoded(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return new Forbidden((c == 0 ? "a NUL" : "a control character") + " in the path");
            }
            if (c == '\\') {
                return new Forbidden("a backslash in the path");
            }
        }
        if (path.startsWith("/")) {
            return new Forbidden("an absolute path");
        }
        Path candidate = root;
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                return new Forbidden("a '..' segment in the path");
            }
            if (segment.startsWith(".") && !options.showHidden()) {
                return new NotFound("a hidden name: " + segment);
            }
            candidate = candidate.resolve(segment);
        }
        Path target;
        try {
            if (options.followSymlinks()) {
                target = candidate;
            } else {
                target = candidate.toRealPath();
                if (!target.startsWith(root)) {
                    return new NotFound("a symbolic link leads out of the root");
                }
            }
            BasicFileAttributes attrs = Files.readAttributes(target, BasicFileAttributes.class);
            if (attrs.isDirectory()) {
                return directory(target);
            }
            if (!attrs.isRegularFile()) {
                return new Forbidden("not a regular file");
            }
            return new Found(target, attrs);
        } catch (AccessDeniedException | SecurityException e) {
            return new NotFound("not readable: " + e.getMessage());
        } catch (FileSystemException e) {
            return new NotFound("no such file"); // also a path through a file ("Not a directory")
        } catch (IOException e) {
            return new NotFound("cannot be read: " + e);
        }
    }

    /**
     * Whether {@code file} (a precompressed sibling of a file this root resolved) may be served
     * under it: a regular file, inside the root unless the options follow links. Reads the file
     * system.
     *
     * @throws IOException if it does not exist or cannot be read
     */
    boolean allows(Path file) throws IOException {
        Path target = options.followSymlinks() ? file : file.toRealPath();
        if (!options.followSymlinks() && !target.startsWith(root)) {
            return false;
        }
        return Files.readAttributes(target, BasicFileAttributes.class).isRegularFile();
    }

    private Resolution directory(Path dir) throws IOException {
        if (options.indexFile() != null) {
            Path index = dir.resolve(options.indexFile());
            try {
                Path real = options.followSymlinks() ? index : index.toRealPath();
                BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class);
                if (attrs.isRegularFile() && (options.followSymlinks() || real.startsWith(root))) {
                    return new Found(real, attrs);
                }
            } catch (NoSuchFileException e) {
                // no index file here: a listing or 403
            }
        }
        if (options.showIndex()) {
            return new Listing(dir);
        }
        return new Forbidden("a directory, and the route lists none");
    }

    /**
     * An HTML listing of {@code dir} (a {@link Listing}), whose entries link under {@code urlPath}
     * (the request's path, decoded): names sorted, directories with a trailing slash, hidden names
     * left out unless shown, every name escaped for HTML and percent-encoded in its link. Reads the
     * file system.
     */
    String listing(Path dir, String urlPath) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") && !options.showHidden()) {
                    continue;
                }
                names.add(Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? name + "/" : name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.sort(null);
        String base = urlPath.endsWith("/") ? urlPath : urlPath + "/";
        String title = "Index of " + escapeHtml(urlPath);
        StringBuilder s = new StringBuilder();
        s.append("<html>\n<head>\n<title>")
                .append(title)
                .append("</title>\n</head>\n<body>\n<h1>")
                .append(title)
                .append("</h1>\n<ul>\n");
        for (String name : names) {
            s.append("<li><a href=\"")
                    .append(escapeHtml(percentEncode(base + name)))
                    .append("\">")
                    .append(escapeHtml(name))
                    .append("</a></li>\n");
        }
        return s.append("</ul>\n</body>\n</html>").toString();
    }

    /** {@code s} with {@code %XX} decoded, as UTF-8, or null if an escape is malformed or not UTF-8. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0 && s.chars().allMatch(c -> c < 0x80)) {
            return s;
        }
        byte[] bytes = Percent.decode(s);
        return bytes == null ? null : Percent.decodeStrict(bytes, StandardCharsets.UTF_8);
    }

    private static final String UNRESERVED_PATH =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/!$&'()*+,;=:@";

    private static String percentEncode(String path) {
        StringBuilder s = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && UNRESERVED_PATH.indexOf(c) >= 0) {
                s.append((char) c);
            } else {
                s.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return s.toString();
    }

    private static String escapeHtml(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
