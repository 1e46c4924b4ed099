package br.com.ponte.sandbox.books;

import java.util.List;
import java.util.UUID;

/**
 * A stream of random draws fixed by {@code sandbox.data.seed} and a key: the same seed and key give the
 * same draws on every run and every JVM. SplitMix64, written out here rather than taken from the JDK,
 * whose generators are not promised to stay the same across versions.
 */
final class Draws {

    private long state;

    private Draws(long state) {
        this.state = state;
    }

    /** The draws of {@code key} (a product's id and what is drawn for it) at {@code index} (a day, a month, a sequence). */
    static Draws of(long seed, String key, long index) {
        return new Draws(mix(mix(seed ^ fnv(key)) + index));
    }

    /** The draws that {@code detail} (a long drawn earlier) stands for: what a transaction's details are made of. */
    static Draws of(long detail) {
        return new Draws(mix(detail));
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** A whole number from 0 to {@code bound} - 1. */
    int below(int bound) {
        return (int) Math.floorMod(nextLong(), (long) bound);
    }

    /** A whole number from {@code min} to {@code max}, both included. */
    long between(long min, long max) {
        return min + Math.floorMod(nextLong(), max - min + 1);
    }

    /** A number in [0, 1). */
    double unit() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** True once in {@code times}, on average. */
    boolean oneIn(int times) {
        return below(times) == 0;
    }

    <T> T pick(List<T> values) {
        return values.get(below(values.size()));
    }

    /** Cents between {@code minCents} and {@code maxCents}, spread evenly over their logarithm (small amounts often, large ones seldom). */
    long cents(long minCents, long maxCents) {
        return Math.round(minCents * Math.pow((double) maxCents / minCents, unit()));
    }

    /** A UUID (version 4 as to its bits) that these draws fix. */
    String uuid() {
        long most = (nextLong() & ~0xF000L) | 0x4000L;
        long least = (nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    /** {@code length} decimal digits. */
    String digits(int length) {
        StringBuilder digits = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            digits.append((char) ('0' + below(10)));
        }
        return digits.toString();
    }

    private static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** FNV-1a over the key's characters: a stable hash, whatever the JVM. */
    private static long fnv(String key) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            hash ^= key.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
