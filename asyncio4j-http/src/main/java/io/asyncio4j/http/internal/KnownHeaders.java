package io.asyncio4j.http.internal;

import io.asyncio4j.http.HeaderNames;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The names of {@link HeaderNames} in an open-addressing table keyed by a case-insensitive hash of
 * the name's bytes, so the parser turns a received name into a shared {@code String} (and a small
 * id for the fields that decide framing) without allocating. The hash is computed by the parser's
 * field-name loop as it validates each byte ({@link #step}).
 */
public final class KnownHeaders {
    private KnownHeaders() {}

    /** Ids of the names the parser acts on; 0 is every other name. */
    public static final int OTHER = 0;
    /** {@code Content-Length}. */
    public static final int CONTENT_LENGTH = 1;
    /** {@code Transfer-Encoding}. */
    public static final int TRANSFER_ENCODING = 2;
    /** {@code Connection}. */
    public static final int CONNECTION = 3;
    /** {@code Host}. */
    public static final int HOST = 4;
    /** {@code Upgrade}. */
    public static final int UPGRADE = 5;
    /** {@code Expect}. */
    public static final int EXPECT = 6;

    private static final int SIZE = 512;
    private static final int MASK = SIZE - 1;

    /** Per slot: the name in lower case as bytes, or null for an empty slot. */
    private static final byte[][] LOWER = new byte[SIZE][];
    /** Per slot: the name as {@link HeaderNames} spells it, as bytes. */
    private static final byte[][] CANONICAL_BYTES = new byte[SIZE][];

    private static final String[] CANONICAL = new String[SIZE];
    private static final String[] LOWER_NAME = new String[SIZE];
    private static final int[] ID = new int[SIZE];

    static {
        for (String name : names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            byte[] bytes = lower.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            int slot = hash(bytes, 0, bytes.length) & MASK;
            while (LOWER[slot] != null) {
                slot = (slot + 1) & MASK;
            }
            LOWER[slot] = bytes;
            CANONICAL_BYTES[slot] = name.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            CANONICAL[slot] = name;
            LOWER_NAME[slot] = lower.intern();
            ID[slot] = switch (name) {
                case HeaderNames.CONTENT_LENGTH -> CONTENT_LENGTH;
                case HeaderNames.TRANSFER_ENCODING -> TRANSFER_ENCODING;
                case HeaderNames.CONNECTION -> CONNECTION;
                case HeaderNames.HOST -> HOST;
                case HeaderNames.UPGRADE -> UPGRADE;
                case HeaderNames.EXPECT -> EXPECT;
                default -> OTHER;
            };
        }
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        for (Field f : HeaderNames.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                try {
                    names.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return names;
    }

    /**
     * A case-insensitive hash of a name from its length and three of its bytes, so that hashing
     * costs no loop; names that share them only share a probe sequence, and {@link #find} compares
     * whole names. Folding with {@code | 0x20} is exact for the bytes of known names (letters,
     * digits, '-'); for other token bytes it only merges buckets.
     */
    static int hash(byte[] raw, int off, int len) {
        int first = raw[off] | 0x20;
        int middle = raw[off + (len >> 1)] | 0x20;
        int last = raw[off + len - 1] | 0x20;
        return (len * 31 + first) * 961 + middle * 31 + last;
    }

    /**
     * The slot of the known name equal, ignoring case, to {@code len} bytes of {@code raw} from
     * {@code off}, or -1. The bytes must be a valid token.
     */
    public static int find(byte[] raw, int off, int len) {
        int slot = hash(raw, off, len) & MASK;
        byte[] lower;
        while ((lower = LOWER[slot]) != null) {
            byte[] canonical = CANONICAL_BYTES[slot];
            if (lower.length == len
                    && (Arrays.equals(raw, off, off + len, canonical, 0, len) || equalsFolded(raw, off, lower))) {
                return slot;
            }
            slot = (slot + 1) & MASK;
        }
        return -1;
    }

    /**
     * The slot of the known name spelled exactly as {@link HeaderNames} spells it in {@code len}
     * bytes of {@code raw} from {@code off}, or -1. The bytes need not be validated: a match is a
     * token.
     */
    public static int findExact(byte[] raw, int off, int len) {
        if (len == 0) {
            return -1;
        }
        int slot = hash(raw, off, len) & MASK;
        byte[] canonical;
        while ((canonical = CANONICAL_BYTES[slot]) != null) {
            if (canonical.length == len && Arrays.equals(raw, off, off + len, canonical, 0, len)) {
                return slot;
            }
            slot = (slot + 1) & MASK;
        }
        return -1;
    }

    private static boolean equalsFolded(byte[] raw, int off, byte[] lower) {
        for (int i = 0; i < lower.length; i++) {
            if ((raw[off + i] | 0x20) != lower[i]) {
                return false;
            }
        }
        return true;
    }

    /** The id ({@link #CONTENT_LENGTH} ...) of slot {@code slot}, {@link #OTHER} for -1. */
    public static int id(int slot) {
        return slot < 0 ? OTHER : ID[slot];
    }

    /**
     * The shared string for the name in slot {@code slot} when the received bytes spell it exactly
     * as {@link HeaderNames} or all in lower case; null when they use another mix of cases (the
     * caller then keeps the received spelling).
     */
    public static String sharedName(int slot, byte[] raw, int off) {
        byte[] canonical = CANONICAL_BYTES[slot];
        if (Arrays.equals(raw, off, off + canonical.length, canonical, 0, canonical.length)) {
            return CANONICAL[slot];
        }
        byte[] lower = LOWER[slot];
        if (Arrays.equals(raw, off, off + lower.length, lower, 0, lower.length)) {
            return LOWER_NAME[slot];
        }
        return null;
    }

    /** The canonical spelling for the name in slot {@code slot}. */
    public static String canonical(int slot) {
        return CANONICAL[slot];
    }
}
