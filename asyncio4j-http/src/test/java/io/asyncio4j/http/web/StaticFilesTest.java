package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way out of a static root, each refused: {@code ..} as sent, percent-encoded and
 * double-encoded, backslashes, absolute paths, NUL and control characters, symbolic links out of the
 * root; and the policies: hidden names, directory listings and index files.
 */
class StaticFilesTest {
    @TempDir
    Path base;

    Path root;
    Path outside;

    @BeforeEach
    void files() throws Exception {
        root = Files.createDirectories(base.resolve("root"));
        outside = Files.createDirectories(base.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.writeString(root.resolve("a.txt"), "a");
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("sub/b.txt"), "b");
        Files.writeString(root.resolve("sub/.hidden"), "hidden");
        Files.writeString(root.resolve(".env"), "KEY=1");
        Files.writeString(root.resolve("a b \u00e9.txt"), "spaces");
        Files.writeString(root.resolve("%2e%2e"), "a file named %2e%2e");
        Files.createSymbolicLink(root.resolve("link-in"), root.resolve("sub/b.txt"));
        Files.createSymbolicLink(root.resolve("link-out"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("dir-link-out"), outside);
        Files.createSymbolicLink(root.resolve("relative-out"), Path.of("../outside/secret.txt"));
        Files.createDirectories(root.resolve("site"));
        Files.writeString(root.resolve("site/index.html"), "<h1>home</h1>");
    }

    private String resolve(StaticOptions options, String tail) {
        return describe(new StaticFiles(root, options).resolve(tail));
    }

    private String resolve(String tail) {
        return resolve(StaticOptions.defaults(), tail);
    }

    private String describe(StaticFiles.Resolution r) {
        return switch (r) {
            case StaticFiles.Found f -> "found " + relative(f.path());
            case StaticFiles.Listing l -> "listing " + relative(l.path());
            case StaticFiles.NotFound n -> "404 " + n.reason();
            case StaticFiles.Forbidden f -> "403 " + f.reason();
        };
    }

    private String relative(Path p) {
        Path realBase;
        try {
            realBase = base.toRealPath();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return realBase.relativize(p).toString();
    }

    @Test
    void filesInsideTheRootAreFound() {
        assertThat(resolve("a.txt")).isEqualTo("found root/a.txt");
        assertThat(resolve("sub/b.txt")).isEqualTo("found root/sub/b.txt");
        assertThat(resolve("sub//b.txt")).as("empty segments merge").isEqualTo("found root/sub/b.txt");
        assertThat(resolve("./sub/./b.txt")).isEqualTo("found root/sub/b.txt");
        assertThat(resolve("a%20b%20%C3%A9.txt")).isEqualTo("found root/a b \u00e9.txt");
        assertThat(resolve("link-in")).as("a link inside the root").isEqualTo("found root/sub/b.txt");
        assertThat(resolve("missing.txt")).isEqualTo("404 no such file");
        assertThat(resolve("a.txt/x")).isEqualTo("404 no such file");
    }

    @Test
    void dotDotIsRefusedHoweverItIsSpelled() {
        assertThat(resolve("../outside/secret.txt")).isEqualTo("403 a '..' segment in the path");
        assertThat(resolve("sub/../../outside/secret.txt")).isEqualTo("403 a '..' segment in the path");
        assertThat(resolve("sub/../a.txt"))
                .as("even when it would stay inside")
                .isEqualTo("403 a '..' segment in the path");
        assertThat(resolve("%2e%2e/outside/secret.txt")).isEqualTo("403 a '..' segment in the path");
        assertThat(resolve("%2E%2E/outside/secret.txt")).isEqualTo("403 a '..' segment in the path");
        assertThat(resolve(".%2e/outside/secret.txt")).isEqualTo("403 a '..' segment in the path");
        assertThat(resolve("..%2foutside%2fsecret.txt")).isEqualTo("403 a '..' segment in the path");
        assertThat(resolve("sub/..")).isEqualTo("403 a '..' segment in the path");
    }

    @Test
    void doubleEncodingIsDecodedOnceAndNamesALiteralFile() {
        // %252e%252e decodes once to "%2e%2e": a file of that name, never the parent directory.
        assertThat(resolve("%252e%252e")).isEqualTo("found root/%2e%2e");
        assertThat(resolve("%252e%252e/outside/secret.txt")).isEqualTo("404 no such file");
        assertThat(resolve("%25252e%25252e/x")).isEqualTo("404 no such file");
    }

    @Test
    void backslashesAreRefusedAsSentAndEncoded() {
        assertThat(resolve("..\\outside\\secret.txt")).isEqualTo("403 a backslash in the path");
        assertThat(resolve("sub\\b.txt")).isEqualTo("403 a backslash in the path");
        assertThat(resolve("..%5coutside%5csecret.txt")).isEqualTo("403 a backslash in the path");
        assertThat(resolve("..%5Coutside")).isEqualTo("403 a backslash in the path");
    }

    @Test
    void absolutePathsAreRefused() {
        String secret = outside.resolve("secret.txt").toString();
        assertThat(resolve(secret)).isEqualTo("403 an absolute path");
        assertThat(resolve("/etc/passwd")).isEqualTo("403 an absolute path");
        assertThat(resolve("%2fetc%2fpasswd")).isEqualTo("403 an absolute path");
        assertThat(resolve("%2F" + secret.substring(1))).isEqualTo("403 an absolute path");
    }

    @Test
    void nulAndControlCharactersAreRefused() {
        assertThat(resolve("a.txt%00.png")).isEqualTo("403 a NUL in the path");
        assertThat(resolve("a.txt\u0000")).isEqualTo("403 a NUL in the path");
        assertThat(resolve("a%0a.txt")).isEqualTo("403 a control character in the path");
        assertThat(resolve("a%7f")).isEqualTo("403 a control character in the path");
    }

    @Test
    void malformedEscapesAndInvalidUtf8AreNotFound() {
        assertThat(resolve("a%zz.txt")).isEqualTo("404 a malformed percent-escape in the path");
        assertThat(resolve("a%2")).isEqualTo("404 a malformed percent-escape in the path");
        assertThat(resolve("%C3%28")).isEqualTo("404 a malformed percent-escape in the path");
    }

    @Test
    void symlinksOutOfTheRootAreRefusedUnlessFollowed() {
        assertThat(resolve("link-out")).isEqualTo("404 a symbolic link leads out of the root");
        assertThat(resolve("relative-out")).isEqualTo("404 a symbolic link leads out of the root");
        assertThat(resolve("dir-link-out/secret.txt")).isEqualTo("404 a symbolic link leads out of the root");
        StaticOptions follow = new StaticOptions(true, false, false, null);
        assertThat(resolve(follow, "link-out")).isEqualTo("found root/link-out");
        assertThat(resolve(follow, "dir-link-out/secret.txt")).isEqualTo("found root/dir-link-out/secret.txt");
        assertThat(resolve(follow, "../outside/secret.txt"))
                .as("following links does not allow '..'")
                .isEqualTo("403 a '..' segment in the path");
    }

    @Test
    void aRootThatIsALinkIsServedThroughItsRealPath() throws Exception {
        Path linkRoot = Files.createSymbolicLink(base.resolve("root-link"), root);
        StaticFiles files = new StaticFiles(linkRoot, StaticOptions.defaults());
        assertThat(describe(files.resolve("sub/b.txt"))).isEqualTo("found root/sub/b.txt");
        assertThat(describe(files.resolve("link-out"))).isEqualTo("404 a symbolic link leads out of the root");
    }

    @Test
    void hiddenNamesAreAbsentUnlessShown() {
        assertThat(resolve(".env")).isEqualTo("404 a hidden name: .env");
        assertThat(resolve("%2eenv")).isEqualTo("404 a hidden name: .env");
        assertThat(resolve("sub/.hidden")).isEqualTo("404 a hidden name: .hidden");
        StaticOptions show = new StaticOptions(false, true, false, null);
        assertThat(resolve(show, ".env")).isEqualTo("found root/.env");
        assertThat(resolve(show, "sub/.hidden")).isEqualTo("found root/sub/.hidden");
    }

    @Test
    void directoriesGiveTheirIndexFileTheirListingOr403() {
        assertThat(resolve("")).isEqualTo("403 a directory, and the route lists none");
        assertThat(resolve("sub")).isEqualTo("403 a directory, and the route lists none");
        StaticOptions listing = new StaticOptions(false, false, true, null);
        assertThat(resolve(listing, "sub/")).isEqualTo("listing root/sub");
        assertThat(resolve(listing, "")).isEqualTo("listing root");
        StaticOptions index = new StaticOptions(false, false, false, "index.html");
        assertThat(resolve(index, "site/")).isEqualTo("found root/site/index.html");
        assertThat(resolve(index, "sub")).isEqualTo("403 a directory, and the route lists none");
        assertThatThrownBy(() -> new StaticOptions(false, false, false, "../x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("indexFile must be a plain file name, got \"../x\"");
    }

    @Test
    void otherFileTypesAreRefused() throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("pipe").toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(
                mkfifo.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) && mkfifo.exitValue() == 0,
                "mkfifo (coreutils) is needed to make a FIFO");
        assertThat(resolve("pipe")).isEqualTo("403 not a regular file");
    }

    @Test
    void listingsEscapeNamesAndLeaveHiddenOnesOut() throws Exception {
        Files.writeString(root.resolve("sub/<img src=x onerror=alert(1)>.txt"), "x");
        Files.writeString(root.resolve("sub/a&b \"q\".txt"), "x");
        Files.createDirectories(root.resolve("sub/inner"));
        StaticFiles files = new StaticFiles(root, new StaticOptions(false, false, true, null));
        assertThat(files.listing(root.resolve("sub"), "/static/sub"))
                .isEqualTo("<html>\n<head>\n<title>Index of /static/sub</title>\n</head>\n<body>\n"
                        + "<h1>Index of /static/sub</h1>\n<ul>\n"
                        + "<li><a href=\"/static/sub/%3Cimg%20src=x%20onerror=alert(1)%3E.txt\">"
                        + "&lt;img src=x onerror=alert(1)&gt;.txt</a></li>\n"
                        + "<li><a href=\"/static/sub/a&amp;b%20%22q%22.txt\">a&amp;b &quot;q&quot;.txt</a></li>\n"
                        + "<li><a href=\"/static/sub/b.txt\">b.txt</a></li>\n"
                        + "<li><a href=\"/static/sub/inner/\">inner/</a></li>\n"
                        + "</ul>\n</body>\n</html>");
    }

    @Test
    void aRootThatIsNotADirectoryIsRefused() {
        assertThatThrownBy(() -> new StaticFiles(base.resolve("nope"), StaticOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("does not exist");
        assertThatThrownBy(() -> new StaticFiles(root.resolve("a.txt"), StaticOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("is not a directory");
    }
}
