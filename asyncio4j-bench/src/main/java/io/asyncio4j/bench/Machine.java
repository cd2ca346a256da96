package io.asyncio4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine and JDK a session ran on, as the results table states them.
 *
 * @param host the host name
 * @param cpu the CPU model (from {@code /proc/cpuinfo})
 * @param cores the processors the JVM sees
 * @param memoryGb total memory in GiB (from {@code /proc/meminfo}), or 0 when unknown
 * @param os the operating system and kernel version
 * @param jdk the JDK vendor and version that ran asyncio4j and the plain-JDK peer
 */
record Machine(String host, String cpu, int cores, double memoryGb, String os, String jdk) {
    /** Looks at this machine. */
    static Machine detect() {
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name");
        String mem = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        double memoryGb = 0;
        if (mem != null) {
            try {
                memoryGb = Long.parseLong(mem.replace("kB", "").strip()) / 1024.0 / 1024.0;
            } catch (NumberFormatException e) {
                memoryGb = 0;
            }
        }
        return new Machine(
                hostName(),
                cpu == null ? System.getProperty("os.arch") : cpu,
                Runtime.getRuntime().availableProcessors(),
                memoryGb,
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.vendor", "?") + " " + Runtime.version());
    }

    /** One line: {@code host: CPU, N cores, M GiB, OS}. */
    String describe() {
        return String.format(Locale.ROOT, "%s: %s, %d cores, %.0f GiB, %s", host, cpu, cores, memoryGb, os);
    }

    /** The host name, usable in a file name. */
    String fileSafeHost() {
        String safe = host.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() ? "host" : safe;
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            String name = Files.readString(Path.of("/etc/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException e) {
            // fall through
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    /** The value after {@code key ... :} on the first matching line of a /proc file, or null. */
    private static String firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                if (line.startsWith(key)) {
                    int colon = line.indexOf(':');
                    return colon < 0 ? null : line.substring(colon + 1).strip();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }
}
