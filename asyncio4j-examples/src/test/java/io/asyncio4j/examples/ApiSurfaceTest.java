package io.asyncio4j.examples;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guards the public API of each library module, like OkHttp's apiCheck: the exported packages
 * (read from the compiled {@code module-info.class}) are listed type by type and member by member,
 * and the listing must equal the checked-in {@code api/<module>.api}. A change to the public surface
 * is then a visible, reviewed diff. {@code ./aio api} (system property {@code
 * asyncio4j.api.write=true}) rewrites the files instead of comparing.
 */
class ApiSurfaceTest {

    private static final boolean WRITE = Boolean.getBoolean("asyncio4j.api.write");

    /** Modifiers that are implementation details and would only make the listing churn. */
    private static final Set<String> IMPLEMENTATION_MODIFIERS =
            Set.of("native", "synchronized", "transient", "volatile", "strictfp");

    private static final int MAX_DIFF_LINES = 200;

    @ParameterizedTest
    @ValueSource(strings = {"asyncio4j-core", "asyncio4j-testing", "asyncio4j-http"})
    void publicApiMatchesCheckedInListing(String moduleDir) throws Exception {
        Path root = repoRoot();
        // Load from the module's own target/classes (child first), so the listing always
        // describes what was just compiled, whatever jar the test class path happens to hold.
        List<Path> classDirs = List.of(
                root.resolve("asyncio4j-core/target/classes"),
                root.resolve("asyncio4j-testing/target/classes"),
                root.resolve("asyncio4j-http/target/classes"));
        Path classes = root.resolve(moduleDir).resolve("target/classes");
        String actual;
        try (ChildFirstLoader loader = new ChildFirstLoader(classDirs, ApiSurfaceTest.class.getClassLoader())) {
            actual = listing(classes, loader);
        }

        Path apiFile = root.resolve("api").resolve(moduleDir + ".api");
        if (WRITE) {
            Files.createDirectories(apiFile.getParent());
            Files.writeString(apiFile, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(apiFile)) {
            fail(root.relativize(apiFile) + " does not exist: run ./aio api to create it.");
        }
        String expected = Files.readString(apiFile, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            fail("The public API of "
                    + moduleDir
                    + " differs from "
                    + root.relativize(apiFile)
                    + " (- removed, + added):\n"
                    + diff(lines(expected), lines(actual))
                    + "If the change is intended, run ./aio api to accept the change.");
        }
    }

    /** The directory holding {@code aio} and {@code api/}, or {@code .git}, above {@code user.dir}. */
    private static Path repoRoot() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            boolean launcherAndApi = Files.isRegularFile(dir.resolve("aio")) && Files.isDirectory(dir.resolve("api"));
            if (launcherAndApi || Files.exists(dir.resolve(".git"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the asyncio4j repository root above " + start);
    }

    /** The whole listing of one module: its exported types, sorted by name. */
    private static String listing(Path classes, ClassLoader loader) throws IOException {
        if (!Files.isRegularFile(classes.resolve("module-info.class"))) {
            throw new IllegalStateException("no module-info.class in " + classes
                    + ": compile the module first (./aio api builds everything it needs)");
        }
        ModuleReference module = ModuleFinder.of(classes).findAll().iterator().next();
        List<String> packages = module.descriptor().exports().stream()
                .filter(export -> !export.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .sorted()
                .toList();

        Map<String, String> typeBlocks = new TreeMap<>();
        for (String pkg : packages) {
            Path dir = classes.resolve(pkg.replace('.', '/'));
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<String> names;
            try (Stream<Path> files = Files.list(dir)) {
                names = files.map(f -> f.getFileName().toString())
                        .filter(f -> f.endsWith(".class") && !f.equals("package-info.class"))
                        .map(f -> pkg + "." + f.substring(0, f.length() - ".class".length()))
                        .toList();
            }
            for (String name : names) {
                Class<?> type;
                try {
                    type = Class.forName(name, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new IllegalStateException("cannot load " + name + " from " + classes, e);
                }
                if (isApi(type)) {
                    typeBlocks.put(type.getName(), describe(type));
                }
            }
        }
        return String.join("", typeBlocks.values());
    }

    /** Public or protected, and so is every type that encloses it; no anonymous or local classes. */
    private static boolean isApi(Class<?> type) {
        if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
            return false;
        }
        for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
            if (!isVisible(t.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isVisible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static String describe(Class<?> type) {
        StringBuilder out = new StringBuilder(header(type)).append('\n');
        List<String> constructors = new ArrayList<>();
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (isVisible(c.getModifiers()) && !c.isSynthetic()) {
                constructors.add(clean(c.toGenericString()));
            }
        }
        List<String> fields = new ArrayList<>();
        for (Field f : type.getDeclaredFields()) {
            if (isVisible(f.getModifiers()) && !f.isSynthetic()) {
                fields.add(clean(f.toGenericString()));
            }
        }
        List<String> methods = new ArrayList<>();
        for (Method m : type.getDeclaredMethods()) {
            if (isVisible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                methods.add(clean(m.toGenericString()));
            }
        }
        for (List<String> members : List.of(constructors, fields, methods)) {
            members.stream().sorted().forEach(m -> out.append("    ").append(m).append('\n'));
        }
        return out.toString();
    }

    /**
     * {@code public final class a.B<T> extends a.C<T> implements a.D}, built by hand rather than with
     * {@link Class#toGenericString()} so that the text is the same on every JDK from 21 on.
     */
    private static String header(Class<?> type) {
        int modifiers = type.getModifiers() & Modifier.classModifiers();
        if (type.isInterface()) {
            modifiers &= ~Modifier.ABSTRACT;
        }
        if (type.isEnum()) {
            // An enum is final unless a constant has a body: an implementation detail.
            modifiers &= ~Modifier.FINAL;
        }
        List<String> words = new ArrayList<>();
        String mods = Modifier.toString(modifiers);
        if (!mods.isEmpty()) {
            words.add(mods);
        }
        if (type.isSealed()) {
            words.add("sealed");
        } else if (!Modifier.isFinal(type.getModifiers()) && !type.isEnum() && hasSealedSupertype(type)) {
            words.add("non-sealed");
        }
        words.add(kind(type));
        words.add(type.getName() + typeParameters(type.getTypeParameters()));

        Type superclass = type.getGenericSuperclass();
        if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
            words.add("extends " + superclass.getTypeName());
        }
        List<String> interfaces = Arrays.stream(type.getGenericInterfaces())
                .map(Type::getTypeName)
                .filter(name -> !(type.isAnnotation() && name.equals("java.lang.annotation.Annotation")))
                .toList();
        if (!interfaces.isEmpty()) {
            words.add((type.isInterface() ? "extends " : "implements ") + String.join(", ", interfaces));
        }
        if (type.isSealed()) {
            words.add("permits "
                    + Arrays.stream(type.getPermittedSubclasses())
                            .map(Class::getName)
                            .sorted()
                            .collect(Collectors.joining(", ")));
        }
        return String.join(" ", words);
    }

    private static String kind(Class<?> type) {
        if (type.isAnnotation()) {
            return "@interface";
        } else if (type.isInterface()) {
            return "interface";
        } else if (type.isEnum()) {
            return "enum";
        } else if (type.isRecord()) {
            return "record";
        }
        return "class";
    }

    private static boolean hasSealedSupertype(Class<?> type) {
        if (type.getSuperclass() != null && type.getSuperclass().isSealed()) {
            return true;
        }
        return Arrays.stream(type.getInterfaces()).anyMatch(Class::isSealed);
    }

    private static String typeParameters(TypeVariable<?>[] variables) {
        if (variables.length == 0) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (TypeVariable<?> variable : variables) {
            List<String> bounds = Arrays.stream(variable.getBounds())
                    .filter(b -> b != Object.class)
                    .map(Type::getTypeName)
                    .toList();
            parts.add(
                    bounds.isEmpty()
                            ? variable.getName()
                            : variable.getName() + " extends " + String.join(" & ", bounds));
        }
        return "<" + String.join(", ", parts) + ">";
    }

    /** Drops the modifiers that do not belong to the API (see {@link #IMPLEMENTATION_MODIFIERS}). */
    private static String clean(String memberString) {
        return Arrays.stream(memberString.split(" "))
                .filter(word -> !IMPLEMENTATION_MODIFIERS.contains(word))
                .collect(Collectors.joining(" "));
    }

    private static List<String> lines(String text) {
        return text.lines().toList();
    }

    /**
     * The lines only one side has, removed ones first, each side in file order. Every member line
     * names its type, so a line is readable without context.
     */
    private static String diff(List<String> expected, List<String> actual) {
        Map<String, Integer> actualCounts = counts(actual);
        Map<String, Integer> expectedCounts = counts(expected);
        List<String> out = new ArrayList<>();
        for (String line : expected) {
            if (actualCounts.merge(line, -1, Integer::sum) < 0) {
                out.add("- " + line.strip());
            }
        }
        for (String line : actual) {
            if (expectedCounts.merge(line, -1, Integer::sum) < 0) {
                out.add("+ " + line.strip());
            }
        }
        if (out.isEmpty()) {
            out.add("(same lines in a different order)");
        }
        StringBuilder text = new StringBuilder();
        out.stream().limit(MAX_DIFF_LINES).forEach(line -> text.append(line).append('\n'));
        if (out.size() > MAX_DIFF_LINES) {
            text.append("... and ").append(out.size() - MAX_DIFF_LINES).append(" more lines\n");
        }
        return text.toString();
    }

    private static Map<String, Integer> counts(List<String> lines) {
        Map<String, Integer> counts = new HashMap<>();
        lines.forEach(line -> counts.merge(line, 1, Integer::sum));
        return counts;
    }

    /** Loads classes from the given directories before asking its parent. */
    private static final class ChildFirstLoader extends URLClassLoader {
        static {
            ClassLoader.registerAsParallelCapable();
        }

        ChildFirstLoader(List<Path> dirs, ClassLoader parent) {
            super("asyncio4j-api", urls(dirs), parent);
        }

        private static URL[] urls(List<Path> dirs) {
            return dirs.stream()
                    .filter(Files::isDirectory)
                    .map(dir -> {
                        try {
                            return dir.toUri().toURL();
                        } catch (MalformedURLException e) {
                            throw new IllegalArgumentException(dir.toString(), e);
                        }
                    })
                    .toArray(URL[]::new);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null && !name.startsWith("java.")) {
                    try {
                        loaded = findClass(name);
                    } catch (ClassNotFoundException notHere) {
                        // fall through to the parent
                    }
                }
                if (loaded == null) {
                    loaded = super.loadClass(name, false);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
