package io.asyncio4j.http.web;

/**
 * How {@link Router#addStatic} serves a directory; aiohttp's {@code add_static} keywords. Change one
 * with its {@code with} method:
 *
 * {@snippet :
 * router.addStatic("/static", Path.of("public"), StaticOptions.defaults().withIndexFile("index.html"));
 * }
 *
 * @param followSymlinks follow symbolic links wherever they lead (aiohttp's {@code follow_symlinks});
 *     by default a link is followed only while it stays inside the directory, and one that leads out
 *     is answered 404
 * @param showHidden serve names that begin with a dot ({@code .env}, {@code .git/}); by default they
 *     are answered 404
 * @param showIndex answer a directory with an HTML listing of it (aiohttp's {@code show_index}); by
 *     default a directory is answered 403
 * @param indexFile the file that answers for a directory holding it ({@code index.html}), or null
 */
public record StaticOptions(boolean followSymlinks, boolean showHidden, boolean showIndex, String indexFile) {
    private static final StaticOptions DEFAULTS = new StaticOptions(false, false, false, null);

    /**
     * Checks the index file name.
     *
     * @throws IllegalArgumentException if {@code indexFile} is empty or holds a slash or backslash
     */
    public StaticOptions {
        if (indexFile != null && (indexFile.isEmpty() || indexFile.contains("/") || indexFile.contains("\\"))) {
            throw new IllegalArgumentException("indexFile must be a plain file name, got \"" + indexFile + "\"");
        }
    }

    /** Links only inside the directory, no hidden names, no listing, no index file. */
    public static StaticOptions defaults() {
        return DEFAULTS;
    }

    /** These options with another {@link #followSymlinks()}. */
    public StaticOptions withFollowSymlinks(boolean value) {
        return new StaticOptions(value, showHidden, showIndex, indexFile);
    }

    /** These options with another {@link #showHidden()}. */
    public StaticOptions withShowHidden(boolean value) {
        return new StaticOptions(followSymlinks, value, showIndex, indexFile);
    }

    /** These options with another {@link #showIndex()}. */
    public StaticOptions withShowIndex(boolean value) {
        return new StaticOptions(followSymlinks, showHidden, value, indexFile);
    }

    /** These options with another {@link #indexFile()}. */
    public StaticOptions withIndexFile(String value) {
        return new StaticOptions(followSymlinks, showHidden, showIndex, value);
    }
}
