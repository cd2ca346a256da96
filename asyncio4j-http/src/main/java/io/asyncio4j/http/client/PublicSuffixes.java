package io.asyncio4j.http.client;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.lowlevel.Parking;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Whether a domain is a public suffix ({@code com}, {@code co.uk}, {@code github.io}), for the
 * cookie jar (RFC 6265 section 5.3, step 5). The rules are the Public Suffix List that the JDK ships
 * for its own use in {@code lib/security/public_suffix_list.dat} (a zip with one entry per top-level
 * domain, holding that domain's rules; a JDK file, not an API: when it is missing or unreadable no
 * domain is a public suffix, and the jar falls back to the domain-match rule alone). A top-level
 * domain's rules are read the first time one of its domains is asked about, off the loop when asked
 * from a task, and kept for the JVM's life.
 */
final class PublicSuffixes {
    private static final Path LIST =
            Path.of(System.getProperty("java.home"), "lib", "security", "public_suffix_list.dat");
    private static final Set<String> NONE = Set.of();
    private static final ConcurrentHashMap<String, Set<String>> RULES = new ConcurrentHashMap<>();

    private PublicSuffixes() {}

    /** Whether the JDK's list is there to be read. */
    static boolean available() {
        return Files.isReadable(LIST);
    }

    /**
     * Whether {@code domain} (lower case, without a leading dot) is a public suffix: a rule of the
     * list names it, a wildcard rule covers it and no exception rule takes it out, or it is a single
     * label (the list's implicit {@code *} rule). False for every name when the list is missing.
     */
    static boolean isPublicSuffix(String domain) {
        if (!available()) {
            return false;
        }
        String d;
        try {
            d = IDN.toUnicode(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return false; // not a valid name: the domain-match rule judges it
        }
        int dot = d.lastIndexOf('.');
        if (dot < 0) {
            return true;
        }
        Set<String> rules = rulesOf(d.substring(dot + 1));
        if (rules.contains("!" + d)) {
            return false;
        }
        return rules.contains(d) || rules.contains("*." + d.substring(d.indexOf('.') + 1));
    }

    private static Set<String> rulesOf(String tld) {
        Set<String> rules = RULES.get(tld);
        if (rules != null) {
            return rules;
        }
        try {
            rules = Parking.currentTaskOrNull() != null ? Asyncio.toThread(() -> read(tld)) : read(tld);
        } catch (CancelledError e) {
            throw e;
        } catch (Exception e) {
            e.printStackTrace();
            rules = NONE; // unreadable: as if the list had nothing for it
        }
        Set<String> raced = RULES.putIfAbsent(tld, rules);
        return raced != null ? raced : rules;
    }

    /** The rules of {@code tld}'s entry, each line a rule behind a control byte that tells its section. */
    private static Set<String> read(String tld) throws IOException {
        try (ZipFile zip = new ZipFile(LIST.toFile(), StandardCharsets.UTF_8)) {
            ZipEntry entry = zip.getEntry(tld);
            if (entry == null) {
                return NONE;
            }
            Set<String> rules = new HashSet<>();
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(zip.getInputStream(entry), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    String rule = line.trim().toLowerCase(Locale.ROOT); // trim: the marker is below U+0020
                    if (!rule.isEmpty()) {
                        rules.add(rule);
                    }
                }
            }
            return Set.copyOf(rules);
        }
    }
}
