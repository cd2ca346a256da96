package io.asyncio4j.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of README.md and docs/*.md compiles, and the small programs run.
 *
 * <p>Each block is wrapped by what it is, as the Java parser sees it:
 *
 * <ul>
 *   <li><b>a compilation unit</b> when it has imports, or declares a public top-level type: compiled
 *       as written (only a package line is added), so it must carry its own imports;
 *   <li><b>class members</b> when it declares methods or nested types: the body of a class;
 *   <li><b>statements</b> otherwise: the body of a method that {@code throws Exception}.
 * </ul>
 *
 * Members and statements get the prelude below: the public asyncio4j packages (their names win over
 * {@code java.util}'s {@code Queue}, {@code PriorityQueue}, {@code Semaphore} ...), {@code java.time},
 * {@code java.util}, {@code java.util.concurrent}, {@code java.io}, {@code java.net}, {@code
 * java.nio.charset}, {@code java.nio.file}, {@code java.security}, {@code javax.net.ssl}, JUnit Jupiter for the testing guide, {@code out}
 * as {@code System.out}, and the examples' {@link Timing} with {@code seconds(double)}.
 *
 * <p>Excerpts of a longer program may call what the rest of that program defines, as their Python
 * twins do. An HTML comment right before the block gives those definitions; it is not rendered, and
 * its members are compiled next to the snippet:
 *
 * <pre>
 * &lt;!-- java-context
 * String slowOperation() { Asyncio.sleep(Duration.ofSeconds(2)); return "done"; }
 * --&gt;
 * </pre>
 *
 * <p>A snippet that declares a no-argument {@code main()} is a small program: it runs as {@code
 * Asyncio.run} would run it, on a virtual clock ({@link VirtualTime#asyncioRun}: tasks still running
 * when it returns are cancelled, and the test fails if it throws or the loop reports an error).
 * Markers after {@code java} in the fence opt out:
 *
 * <ul>
 *   <li>{@code ```java no-run}: compiled, not run (it runs forever, or takes real time);
 *   <li>{@code ```java no-compile}: not compiled at all. No snippet should need it: it is for code
 *       that shows a compile error on purpose, and the text around it must say so.
 * </ul>
 *
 * A failure names the Markdown file, the line and the compiler's message.
 */
class DocSnippetsTest {
    private static final Pattern FENCE = Pattern.compile("^```java(?<markers>(?:[ \\t]+[\\w-]+)*)[ \\t]*$");
    private static final Pattern CONTEXT_START = Pattern.compile("^<!--\\s*java-context\\s*$");
    private static final Set<String> MARKERS = Set.of("no-compile", "no-run");

    private static final List<String> PRELUDE_PACKAGES = List.of(
            "io.asyncio4j",
            "io.asyncio4j.channel",
            "io.asyncio4j.http",
            "io.asyncio4j.http.client",
            "io.asyncio4j.http.web",
            "io.asyncio4j.lowlevel",
            "io.asyncio4j.net",
            "io.asyncio4j.process",
            "io.asyncio4j.queue",
            "io.asyncio4j.sync",
            "io.asyncio4j.testing");
    private static final List<String> PRELUDE_OTHER_IMPORTS = List.of(
            "import java.io.*;",
            "import java.net.*;",
            "import java.nio.charset.*;",
            "import java.nio.file.*;",
            "import java.security.*;",
            "import java.time.*;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.function.*;",
            "import javax.net.ssl.*;",
            "import org.junit.jupiter.api.*;",
            "import org.junit.jupiter.api.extension.*;",
            "import org.junit.jupiter.params.*;",
            "import org.junit.jupiter.params.provider.*;",
            "import io.asyncio4j.examples.Timing;",
            "import static io.asyncio4j.examples.Timing.seconds;",
            "import static java.lang.System.out;",
            "import static org.junit.jupiter.api.Assertions.*;");

    @Test
    void everyJavaSnippetInTheDocsCompilesAndTheSmallProgramsRun() throws Exception {
        Path root = repositoryRoot();
        List<Snippet> snippets = new ArrayList<>();
        for (Path doc : docs(root)) {
            snippets.addAll(extract(root, doc));
        }
        if (snippets.size() < 20) {
            fail("found only " + snippets.size() + " java snippets under " + root + ": is the extraction broken?");
        }

        String prelude = prelude();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<Source> sources = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Snippet s : snippets) {
            if (!s.markers.contains("no-compile")) {
                Source source = wrap(javac, s, prelude);
                // javac attributes nothing once one file has a syntax error: report those per snippet
                List<String> syntaxErrors = syntaxErrors(javac, source);
                if (syntaxErrors.isEmpty()) {
                    sources.add(source);
                } else {
                    errors.addAll(syntaxErrors);
                }
            }
        }

        parseFiles(javac).close();
        parseFiles = null;

        Path out = Path.of("target", "doc-snippets").toAbsolutePath();
        deleteRecursively(out);
        Files.createDirectories(out);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8)) {
            List<String> options =
                    List.of("--release", "21", "-proc:none", "-classpath", testClassPath(), "-d", out.toString());
            boolean ok = javac.getTask(null, files, diagnostics, options, null, sources)
                    .call();
            for (Diagnostic<? extends JavaFileObject> d : List.copyOf(diagnostics.getDiagnostics())) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    errors.add(describe(d));
                }
            }
            if (!ok || !errors.isEmpty()) {
                fail(errors.size() + " compile error(s) in the docs' java snippets:\n\n" + String.join("\n\n", errors));
            }
        }

        List<String> runFailures = new ArrayList<>();
        int ran = 0;
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {out.toUri().toURL()}, DocSnippetsTest.class.getClassLoader())) {
            for (Source source : sources) {
                if (source.snippet.markers.contains("no-run")) {
                    continue;
                }
                Class<?> type = loader.loadClass(source.className);
                Method main = noArgumentMain(type);
                if (main == null) {
                    continue;
                }
                ran++;
                String failure = run(type, main);
                if (failure != null) {
                    runFailures.add(source.snippet.where() + ": its main() " + failure);
                }
            }
        }
        if (!runFailures.isEmpty()) {
            fail(String.join("\n\n", runFailures));
        }
        if (ran == 0) {
            fail("no snippet with a main() ran: the guide's small programs should");
        }
    }

    @Test
    void theFenceGivesTheMarkersAndTheCommentBeforeItTheContext(@TempDir Path dir) throws IOException {
        Path doc = dir.resolve("page.md");
        Files.writeString(doc, """
                <!-- java-context
                int x;
                -->
                ```java no-compile
                broken(
                ```
                ```text
                ```java inside another fence is text
                ```
                ```java no-run
                void main() {}
                ```
                """);
        List<Snippet> snippets = extract(dir, doc);
        assertEquals(2, snippets.size());
        assertEquals(
                new Snippet("page.md", 5, List.of("broken("), Set.of("no-compile"), 2, List.of("int x;")),
                snippets.get(0));
        assertEquals(
                new Snippet("page.md", 11, List.of("void main() {}"), Set.of("no-run"), 0, List.of()), snippets.get(1));
    }

    @Test
    void anUnknownMarkerIsNamed(@TempDir Path dir) throws IOException {
        Path doc = dir.resolve("page.md");
        Files.writeString(doc, "```java nocompile\nx();\n```\n");
        AssertionError e = assertThrows(AssertionError.class, () -> extract(dir, doc));
        assertTrue(e.getMessage().contains("page.md:1: unknown marker 'nocompile'"), e.getMessage());
    }

    /** A {@code ```java} block: where it is, its lines, its markers and its hidden context. */
    record Snippet(
            String file, int line, List<String> code, Set<String> markers, int contextLine, List<String> context) {
        String where() {
            return file + ":" + line;
        }
    }

    /** A generated compilation unit, with the Markdown line of each of its lines (0: generated). */
    static final class Source extends SimpleJavaFileObject {
        final Snippet snippet;
        final String className;
        final String text;
        final int[] docLines;

        Source(Snippet snippet, String packageName, String simpleName, List<String> lines, List<Integer> docLines) {
            super(
                    URI.create("string:///" + packageName.replace('.', '/') + "/" + simpleName + Kind.SOURCE.extension),
                    Kind.SOURCE);
            this.snippet = snippet;
            this.className = packageName + "." + simpleName;
            this.text = String.join("\n", lines) + "\n";
            this.docLines = docLines.stream().mapToInt(Integer::intValue).toArray();
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }

    private static List<Path> docs(Path root) throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(root.resolve("README.md"));
        try (Stream<Path> files = Files.list(root.resolve("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    static List<Snippet> extract(Path root, Path doc) throws IOException {
        String name = root.relativize(doc).toString().replace(File.separatorChar, '/');
        List<String> lines = Files.readAllLines(doc, UTF_8);
        List<Snippet> snippets = new ArrayList<>();
        List<String> context = List.of();
        int contextLine = 0;
        boolean inOtherFence = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (inOtherFence) {
                inOtherFence = !isClosingFence(line);
                continue;
            }
            if (CONTEXT_START.matcher(line).matches()) {
                int end = i + 1;
                while (end < lines.size() && !lines.get(end).trim().equals("-->")) {
                    end++;
                }
                if (end == lines.size()) {
                    fail(name + ":" + (i + 1) + ": a java-context comment without its closing --> line");
                }
                context = List.copyOf(lines.subList(i + 1, end));
                contextLine = i + 2;
                i = end;
                continue;
            }
            Matcher fence = FENCE.matcher(line);
            if (fence.matches()) {
                Set<String> markers =
                        new TreeSet<>(List.of(fence.group("markers").trim().split("\\s+")));
                markers.remove("");
                for (String marker : markers) {
                    if (!MARKERS.contains(marker)) {
                        fail(name + ":" + (i + 1) + ": unknown marker '" + marker + "' after ```java; known: "
                                + MARKERS);
                    }
                }
                int end = i + 1;
                while (end < lines.size() && !isClosingFence(lines.get(end))) {
                    end++;
                }
                snippets.add(new Snippet(
                        name, i + 2, List.copyOf(lines.subList(i + 1, end)), markers, contextLine, context));
                context = List.of();
                contextLine = 0;
                i = end;
                continue;
            }
            if (line.startsWith("```")) {
                inOtherFence = true;
            } else if (!context.isEmpty() && !line.isBlank()) {
                fail(name + ":" + contextLine + ": a java-context comment must come right before its ```java block");
            }
        }
        return snippets;
    }

    /** A closing fence has no info string (CommonMark), so "```java" inside a fence is text. */
    private static boolean isClosingFence(String line) {
        return line.strip().matches("```+");
    }

    private enum Shape {
        UNIT,
        MEMBERS,
        STATEMENTS
    }

    /** What the Java parser makes of the snippet: see the class comment. */
    private static Shape shape(JavaCompiler javac, Snippet s) throws IOException {
        CompilationUnitTree asUnit = parse(javac, String.join("\n", s.code));
        if (asUnit != null && !asUnit.getTypeDecls().isEmpty()) {
            boolean onlyTypes = asUnit.getTypeDecls().stream().allMatch(t -> t instanceof ClassTree);
            boolean complete = !asUnit.getImports().isEmpty()
                    || asUnit.getPackage() != null
                    || asUnit.getTypeDecls().stream().anyMatch(t -> isPublic(((ClassTree) t).getModifiers()));
            if (onlyTypes && complete) {
                return Shape.UNIT;
            }
        }
        CompilationUnitTree asMembers = parse(javac, "class S {\n" + String.join("\n", s.code) + "\n}");
        if (asMembers != null && asMembers.getTypeDecls().size() == 1) {
            ClassTree body = (ClassTree) asMembers.getTypeDecls().getFirst();
            if (body.getMembers().stream().anyMatch(m -> m instanceof MethodTree || m instanceof ClassTree)) {
                return Shape.MEMBERS;
            }
        }
        return Shape.STATEMENTS;
    }

    private static List<String> syntaxErrors(JavaCompiler javac, Source source) throws IOException {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        ((JavacTask) javac.getTask(null, parseFiles(javac), diagnostics, PARSE_OPTIONS, null, List.of(source))).parse();
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : List.copyOf(diagnostics.getDiagnostics())) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(describe(d));
            }
        }
        return errors;
    }

    /** Parsing needs no class path: one file manager for every parse keeps each one cheap. */
    private static StandardJavaFileManager parseFiles;

    private static final List<String> PARSE_OPTIONS = List.of("-source", "21", "-proc:none", "-Xlint:-options");

    private static synchronized StandardJavaFileManager parseFiles(JavaCompiler javac) {
        if (parseFiles == null) {
            parseFiles = javac.getStandardFileManager(null, Locale.ROOT, UTF_8);
        }
        return parseFiles;
    }

    private static boolean isPublic(ModifiersTree modifiers) {
        return modifiers.getFlags().contains(javax.lang.model.element.Modifier.PUBLIC);
    }

    /** The parsed tree, or null when the text does not parse. */
    private static CompilationUnitTree parse(JavaCompiler javac, String text) throws IOException {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///S.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        };
        JavacTask task =
                (JavacTask) javac.getTask(null, parseFiles(javac), diagnostics, PARSE_OPTIONS, null, List.of(file));
        Iterable<? extends CompilationUnitTree> units = task.parse();
        boolean errors = diagnostics.getDiagnostics().stream().anyMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);
        return errors ? null : units.iterator().next();
    }

    private static Source wrap(JavaCompiler javac, Snippet s, String prelude) throws IOException {
        String packageName =
                "docsnippets." + s.file.replaceAll("[^A-Za-z0-9]", "_").toLowerCase(Locale.ROOT) + ".line" + s.line;
        List<String> lines = new ArrayList<>();
        List<Integer> docLines = new ArrayList<>();
        Shape shape = shape(javac, s);
        if (shape == Shape.UNIT) {
            if (!s.context.isEmpty()) {
                fail(s.where() + ": a java-context comment cannot go with a complete compilation unit");
            }
            add(lines, docLines, "package " + packageName + ";", 0);
            addAll(lines, docLines, s.code, s.line);
            return new Source(s, packageName, unitName(javac, s), lines, docLines);
        }
        add(lines, docLines, "package " + packageName + ";", 0);
        add(lines, docLines, prelude, 0);
        add(lines, docLines, "public final class Snippet {", 0);
        addAll(lines, docLines, s.context, s.contextLine);
        if (shape == Shape.MEMBERS) {
            addAll(lines, docLines, s.code, s.line);
        } else {
            add(lines, docLines, "void snippet() throws Exception {", 0);
            addAll(lines, docLines, s.code, s.line);
            add(lines, docLines, "}", 0);
        }
        add(lines, docLines, "}", 0);
        return new Source(s, packageName, "Snippet", lines, docLines);
    }

    /** The public type's name (the file must be named after it), else the first type's. */
    private static String unitName(JavaCompiler javac, Snippet s) throws IOException {
        CompilationUnitTree unit = parse(javac, String.join("\n", s.code));
        String first = null;
        for (Tree t : unit.getTypeDecls()) {
            ClassTree type = (ClassTree) t;
            if (isPublic(type.getModifiers())) {
                return type.getSimpleName().toString();
            }
            if (first == null) {
                first = type.getSimpleName().toString();
            }
        }
        return first;
    }

    private static void add(List<String> lines, List<Integer> docLines, String text, int docLine) {
        for (String line : text.split("\n", -1)) {
            lines.add(line);
            docLines.add(docLine);
        }
    }

    private static void addAll(List<String> lines, List<Integer> docLines, List<String> code, int firstDocLine) {
        for (int i = 0; i < code.size(); i++) {
            lines.add(code.get(i));
            docLines.add(firstDocLine + i);
        }
    }

    /**
     * The imports of members and statements: the public types of asyncio4j's packages one by one, so
     * that they win over the same names in {@code java.util} and {@code java.util.concurrent}, then
     * the rest on demand.
     */
    private static String prelude() throws IOException {
        Set<String> imports = new TreeSet<>();
        Set<String> simpleNames = new TreeSet<>();
        Set<String> clashes = new TreeSet<>();
        for (String type : publicTypes()) {
            String simple = type.substring(type.lastIndexOf('.') + 1);
            if (!simpleNames.add(simple)) {
                clashes.add(simple);
            }
            imports.add(type);
        }
        StringBuilder prelude = new StringBuilder();
        for (String type : imports) {
            if (!clashes.contains(type.substring(type.lastIndexOf('.') + 1))) {
                prelude.append("import ").append(type).append("; ");
            }
        }
        for (String pkg : PRELUDE_PACKAGES) {
            prelude.append("import ").append(pkg).append(".*; ");
        }
        prelude.append(String.join(" ", PRELUDE_OTHER_IMPORTS));
        return prelude.toString();
    }

    /** The public top-level types of the prelude's asyncio4j packages, found on the test class path. */
    private static Set<String> publicTypes() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String entry : testClassPath().split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                for (String pkg : PRELUDE_PACKAGES) {
                    Path dir = path.resolve(pkg.replace('.', '/'));
                    if (Files.isDirectory(dir)) {
                        try (Stream<Path> files = Files.list(dir)) {
                            files.map(p -> p.getFileName().toString()).forEach(f -> addClassName(names, pkg, f));
                        }
                    }
                }
            } else if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    jar.stream().forEach(e -> {
                        String n = e.getName();
                        int slash = n.lastIndexOf('/');
                        if (slash > 0) {
                            String pkg = n.substring(0, slash).replace('/', '.');
                            if (PRELUDE_PACKAGES.contains(pkg)) {
                                addClassName(names, pkg, n.substring(slash + 1));
                            }
                        }
                    });
                }
            }
        }
        Set<String> publicNames = new TreeSet<>();
        for (String name : names) {
            try {
                if (Modifier.isPublic(Class.forName(name, false, DocSnippetsTest.class.getClassLoader())
                        .getModifiers())) {
                    publicNames.add(name);
                }
            } catch (ClassNotFoundException e) {
                throw new AssertionError(name + " was listed on the class path but does not load", e);
            }
        }
        if (publicNames.stream().noneMatch(n -> n.equals("io.asyncio4j.Asyncio"))) {
            fail("io.asyncio4j.Asyncio was not found on the test class path: " + testClassPath());
        }
        return publicNames;
    }

    private static void addClassName(Set<String> names, String pkg, String fileName) {
        if (fileName.endsWith(".class") && !fileName.contains("$") && !fileName.startsWith("package-info")) {
            names.add(pkg + "." + fileName.substring(0, fileName.length() - ".class".length()));
        }
    }

    /** Surefire's own list when it launched us through a manifest-only jar, else java.class.path. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static String describe(Diagnostic<? extends JavaFileObject> d) {
        if (!(d.getSource() instanceof Source source)) {
            return d.getMessage(Locale.ROOT);
        }
        int generatedLine = (int) d.getLineNumber();
        int docLine =
                generatedLine >= 1 && generatedLine <= source.docLines.length ? source.docLines[generatedLine - 1] : 0;
        String where = docLine > 0 ? source.snippet.file + ":" + docLine : source.snippet.where() + " (generated code)";
        String code = generatedLine >= 1
                ? source.text.lines().skip(generatedLine - 1).findFirst().orElse("")
                : "";
        return where + " (snippet at line " + source.snippet.line + "): " + d.getMessage(Locale.ROOT) + "\n    "
                + code.strip();
    }

    private static Method noArgumentMain(Class<?> type) {
        try {
            Method main = type.getDeclaredMethod("main");
            main.setAccessible(true);
            return main;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** Runs main() on a virtual clock with its output captured; null when it went well. */
    private static String run(Class<?> type, Method main) throws Exception {
        Object target = null;
        if (!Modifier.isStatic(main.getModifiers())) {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            target = constructor.newInstance();
        }
        Object receiver = target;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(printed, true, UTF_8));
        try {
            VirtualTime.asyncioRun(() -> {
                try {
                    main.invoke(receiver);
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw e.getCause() instanceof Exception ex ? ex : e;
                }
            });
            return null;
        } catch (Throwable e) {
            return "failed: " + e + "\n  it printed:\n"
                    + printed.toString(UTF_8).indent(4);
        } finally {
            System.setOut(saved);
        }
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/guide.md")) && Files.isRegularFile(dir.resolve("README.md"))) {
                return dir;
            }
        }
        throw new AssertionError("no docs/guide.md above " + Path.of("").toAbsolutePath());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
