package io.asyncio4j.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** Helpers for host strings and address lists. */
final class Resolvers {
    private Resolvers() {}

    /** Whether {@code host} is an IPv4 or IPv6 literal, which needs no lookup (nor SNI). */
    static boolean isLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true; // IPv6, possibly in brackets
        }
        int dots = 0;
        int digits = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '.') {
                if (digits == 0) {
                    return false;
                }
                dots++;
                digits = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                digits++;
            } else {
                return false;
            }
        }
        return dots == 3 && digits > 0;
    }

    static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * Interleaves the address families, first family first (RFC 8305 section 4): for happy eyeballs,
     * so a broken IPv6 path costs one delay, not one per IPv6 address.
     */
    static List<InetAddress> interleave(List<InetAddress> addresses) {
        List<InetAddress> first = new ArrayList<>();
        List<InetAddress> second = new ArrayList<>();
        boolean firstIs6 = !addresses.isEmpty() && addresses.get(0) instanceof Inet6Address;
        for (InetAddress a : addresses) {
            ((a instanceof Inet6Address) == firstIs6 ? first : second).add(a);
        }
        List<InetAddress> out = new ArrayList<>(addresses.size());
        for (int i = 0; i < Math.max(first.size(), second.size()); i++) {
            if (i < first.size()) {
                out.add(first.get(i));
            }
            if (i < second.size()) {
                out.add(second.get(i));
            }
        }
        return out;
    }
}
