package io.plantconsole.auth.service;

import java.security.SecureRandom;

/** One-time passwords: 16 characters from an alphabet without look-alikes, in groups of four (about 80 bits). */
public final class OneTimePasswords {
    private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();
    private final SecureRandom random;

    public OneTimePasswords(SecureRandom random) {
        this.random = random;
    }

    public char[] next() {
        char[] out = new char[19];
        for (int i = 0; i < out.length; i++) {
            out[i] = i % 5 == 4 ? '-' : ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return out;
    }
}
