package io.plantconsole.infra.mqtt;

import io.plantconsole.telemetry.model.Quality;
import java.nio.charset.StandardCharsets;

/**
 * Reads the plain single-sample form {@code {"ts":<int>,"value":<number>[,"seq":<int>][,"quality":"good"|"bad"]}}
 * (keys in any order, JSON whitespace between tokens) straight from the bytes, without a parser object or a tree:
 * the form nearly every message of the JSON feed has. It accepts only what is valid JSON and a valid sample by
 * {@link JsonTelemetryDecoder}'s rules (each key once, {@code ts} a positive integer, a finite number for
 * {@code value}, an integer {@code seq}) and answers false for everything else (escapes, other keys, the batch form,
 * NaN, long or odd numbers, errors of any kind), which the decoder then reads with Jackson; so the outcome of a
 * message never depends on which path read it. Not thread-safe: one per decoder, on the telemetry thread.
 */
final class PlainSampleReader {
    private static final int TS = 1;
    private static final int VALUE = 2;
    private static final int SEQ = 4;
    private static final int QUALITY = 8;
    /** Integers of up to 18 digits fit a long without overflow checks. */
    private static final int MAX_INT_DIGITS = 18;
    /** Longer numbers (far beyond any instrument's resolution) take the Jackson path and its length limit. */
    private static final int MAX_NUMBER_CHARS = 32;
    /**
     * Powers of ten up to 10^18, all exact in a double: an exact mantissa divided by one of them is correctly rounded
     * (Clinger's fast path), so it equals {@link Double#parseDouble} of the same digits.
     */
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
        1e14, 1e15, 1e16, 1e17, 1e18};
    /** Mantissas below 2^53 are exact in a double. */
    private static final long MAX_EXACT_MANTISSA = 1L << 53;

    private byte[] p;
    private int i;
    private long integer;
    private long ts;
    private double value;
    private Quality quality;
    private boolean hasSeq;
    private long seq;

    /** Reads one payload; on true the accessors describe it, on false nothing may be assumed. */
    boolean read(byte[] payload) {
        p = payload;
        i = 0;
        quality = Quality.GOOD;
        hasSeq = false;
        int seen = 0;
        skipWhitespace();
        if (!take('{')) {
            return false;
        }
        while (true) {
            skipWhitespace();
            int key = key();
            if (key == 0 || (seen & key) != 0) {
                return false;
            }
            seen |= key;
            skipWhitespace();
            if (!take(':')) {
                return false;
            }
            skipWhitespace();
            switch (key) {
                case TS -> {
                    if (!integer() || integer <= 0) {
                        return false;
                    }
                    ts = integer;
                }
                case VALUE -> {
                    if (!number()) {
                        return false;
                    }
                }
                case SEQ -> {
                    if (!integer()) {
                        return false;
                    }
                    seq = integer;
                    hasSeq = true;
                }
                default -> {
                    if (!readQuality()) {
                        return false;
                    }
                }
            }
            skipWhitespace();
            if (take('}')) {
                break;
            }
            if (!take(',')) {
                return false;
            }
        }
        skipWhitespace();
        return i == p.length && (seen & (TS | VALUE)) == (TS | VALUE);
    }

    long ts() {
        return ts;
    }

    double value() {
        return value;
    }

    Quality quality() {
        return quality;
    }

    boolean hasSeq() {
        return hasSeq;
    }

    long seq() {
        return seq;
    }

    private void skipWhitespace() {
        while (i < p.length && (p[i] == ' ' || p[i] == '\n' || p[i] == '\r' || p[i] == '\t')) {
            i++;
        }
    }

    private boolean take(char c) {
        if (i < p.length && p[i] == c) {
            i++;
            return true;
        }
        return false;
    }

    /** One of the four known keys, quoted, without escapes; 0 for anything else. */
    private int key() {
        if (matches("\"ts\"")) {
            return TS;
        }
        if (matches("\"value\"")) {
            return VALUE;
        }
        if (matches("\"seq\"")) {
            return SEQ;
        }
        return matches("\"quality\"") ? QUALITY : 0;
    }

    private boolean readQuality() {
        if (matches("\"good\"")) {
            quality = Quality.GOOD;
            return true;
        }
        if (matches("\"bad\"")) {
            quality = Quality.BAD;
            return true;
        }
        return false;
    }

    private boolean matches(String token) {
        int n = token.length();
        if (i + n > p.length) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (p[i + k] != token.charAt(k)) {
                return false;
            }
        }
        i += n;
        return true;
    }

    /** A JSON integer ({@code -?(0|[1-9][0-9]*)}) of at most 18 digits, into {@link #integer}. */
    private boolean integer() {
        boolean negative = take('-');
        int start = i;
        long v = 0;
        while (i < p.length && p[i] >= '0' && p[i] <= '9') {
            v = v * 10 + (p[i] - '0');
            i++;
        }
        int digits = i - start;
        if (digits == 0 || digits > MAX_INT_DIGITS || digits > 1 && p[start] == '0') {
            return false;
        }
        integer = negative ? -v : v;
        return true;
    }

    /**
     * A JSON number ({@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}) into {@link #value}, rounded exactly as
     * {@link Double#parseDouble} rounds it (which is what Jackson does); false when it is not finite.
     */
    private boolean number() {
        int start = i;
        boolean negative = take('-');
        int intStart = i;
        long mantissa = 0;
        int digits = 0;
        while (i < p.length && p[i] >= '0' && p[i] <= '9') {
            mantissa = digits < MAX_INT_DIGITS ? mantissa * 10 + (p[i] - '0') : mantissa;
            digits++;
            i++;
        }
        int intDigits = i - intStart;
        if (intDigits == 0 || intDigits > 1 && p[intStart] == '0') {
            return false;
        }
        int fractionDigits = 0;
        if (take('.')) {
            int fracStart = i;
            while (i < p.length && p[i] >= '0' && p[i] <= '9') {
                mantissa = digits < MAX_INT_DIGITS ? mantissa * 10 + (p[i] - '0') : mantissa;
                digits++;
                i++;
            }
            fractionDigits = i - fracStart;
            if (fractionDigits == 0) {
                return false;
            }
        }
        boolean exponent = false;
        if (i < p.length && (p[i] == 'e' || p[i] == 'E')) {
            exponent = true;
            i++;
            if (i < p.length && (p[i] == '+' || p[i] == '-')) {
                i++;
            }
            int expStart = i;
            while (i < p.length && p[i] >= '0' && p[i] <= '9') {
                i++;
            }
            if (i == expStart) {
                return false;
            }
        }
        if (i - start > MAX_NUMBER_CHARS) {
            return false;
        }
        double v;
        if (!exponent && digits <= MAX_INT_DIGITS && mantissa < MAX_EXACT_MANTISSA) {
            if (fractionDigits == 0) {
                v = negative ? -mantissa : mantissa; // an integer: -0 is 0, as Jackson reads it
            } else {
                v = mantissa / POW10[fractionDigits]; // both exact, so the quotient is correctly rounded
                v = negative ? -v : v;
            }
        } else {
            v = Double.parseDouble(new String(p, start, i - start, StandardCharsets.ISO_8859_1));
        }
        value = v;
        return Double.isFinite(v);
    }
}
