package io.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ExamplesTest {
    @Test
    void listsEveryExampleOnOneLineWithTheCountdownFirst() throws Exception {
        Transcript out = new Transcript();
        Transcript err = new Transcript();
        int status = Examples.run(new String[0], out.out, err.out);

        assertThat(status).isZero();
        assertThat(err.lines()).isEmpty();
        List<String> entries =
                out.lines().stream().filter(l -> l.startsWith("  ")).toList();
        assertThat(entries).hasSize(Examples.ALL.size());
        assertThat(entries.get(0)).startsWith("  countdown ");
        for (Examples.Example e : Examples.ALL) {
            assertThat(entries).anySatisfy(l -> assertThat(l).startsWith("  " + e.name() + " "));
        }
    }

    @Test
    void namesAreUniqueAndEveryProgramRuns() {
        List<String> names = Examples.ALL.stream().map(Examples.Example::name).toList();
        assertThat(names).doesNotHaveDuplicates();
        assertThat(Examples.ALL).allMatch(Examples.Example::runnable);
    }

    @Test
    void everyProgramOfThePackageIsInTheCatalog() throws Exception {
        // A program is a class of this package with a static main(String[]), besides the catalog
        // itself and the demo.
        URI classes = Examples.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI();
        List<Class<?>> found;
        try (Stream<Path> files = Files.list(Path.of(classes).resolve("io/asyncio4j/examples"))) {
            found = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .<Class<?>>map(n -> load("io.asyncio4j.examples." + n.substring(0, n.length() - ".class".length())))
                    .filter(ExamplesTest::isProgram)
                    .toList();
        }
        List<Class<?>> listed = Examples.ALL.stream()
                .filter(Examples.Example::runnable)
                .<Class<?>>map(Examples.Example::program)
                .toList();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(found);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean isProgram(Class<?> c) {
        if (c == Examples.class || c == Demo.class) {
            return false;
        }
        try {
            return Modifier.isStatic(c.getMethod("main", String[].class).getModifiers());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Test
    void runningAnExampleByNamePassesItsArguments() throws Exception {
        // countdown with 0 and 0 finishes at once: no waiting on the real clock. How long "at once"
        // is on the real clock is the machine's business, so the total is checked for its form.
        PrintStream stdout = System.out;
        Transcript t = new Transcript();
        System.setOut(t.out);
        try {
            assertThat(Examples.run(new String[] {"countdown", "0", "0"}, t.out, t.out))
                    .isZero();
        } finally {
            System.setOut(stdout);
        }
        assertThat(t.lines()).hasSize(3).startsWith("A: liftoff!", "B: liftoff!");
        assertThat(t.lines().get(2)).matches("Both countdowns took \\d+\\.\\d s");
    }

    @Test
    void anHttpProgramRunsAgainstItsOwnLocalServer() throws Exception {
        Transcript out = new Transcript();
        Transcript err = new Transcript();
        int status = Examples.run(new String[] {"http-fetch-many"}, out.out, err.out);

        assertThat(status).isZero();
        assertThat(err.lines()).isEmpty();
    }

    @Test
    void anUnknownNameIsAnErrorThatPointsToTheList() throws Exception {
        Transcript out = new Transcript();
        Transcript err = new Transcript();
        int status = Examples.run(new String[] {"no-such-example"}, out.out, err.out);

        assertThat(status).isEqualTo(2);
        assertThat(err.lines()).containsExactly("unknown example 'no-such-example'; ./aio run lists them");
    }
}
